/**
 * The worker thread that writes the search index (see searchFeeder.node.ts). It reads the
 * cache through its own read-only connection and is the index file's only writer while it
 * has work. It also checkpoints the cache's write-ahead log, which SQLite would otherwise
 * do inside whichever commit on the core thread crossed 1000 pages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Sqlite from 'better-sqlite3';
import { openSearchFile } from './searchFile.node.ts';
import { createSearchIndexer } from './searchIndexer.node.ts';
import type {
  FromSearchWorker,
  SearchWorkerData,
  ToSearchWorker,
} from './searchWorkerProtocol.node.ts';

const port = parentPort!;
const { cacheFile, searchFile } = workerData as SearchWorkerData;
const cache = new Sqlite(cacheFile, { readonly: true, timeout: 5000 });
const search = openSearchFile(searchFile);
const indexer = createSearchIndexer(cache, search);
const send = (message: FromSearchWorker) => port.postMessage(message);
/** Opened at the first checkpoint: a checkpoint needs a connection that may write. */
let checkpointer: Sqlite.Database | undefined;

let wanted = false;
let running = false;
let closing = false;

// One step per turn, so a `close` is heard between steps even in the middle of a rebuild.
const run = (): void => {
  if (closing) return finish();
  try {
    if (indexer.step()) {
      setImmediate(run);
      return;
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    send({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
      ...(typeof code === 'string' ? { code } : {}),
    });
  }
  running = false;
  if (wanted) return start();
  send({ type: 'idle', applied: indexer.applied() });
};

const start = (): void => {
  wanted = false;
  running = true;
  setImmediate(run);
};

// PASSIVE takes no lock a writer waits on: the core keeps committing while the pages are
// copied and synced here. What a reader still needs stays in the log for the next one.
const checkpoint = (): void => {
  try {
    checkpointer ??= new Sqlite(cacheFile, { fileMustExist: true, timeout: 0 });
    checkpointer.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    send({
      type: 'cannot-checkpoint',
      message: error instanceof Error ? error.message : String(error),
    });
  }
  try {
    search.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // The index's own log: this connection checkpoints it again as it commits.
  }
};

const finish = (): void => {
  search.close();
  cache.close();
  checkpointer?.close();
  port.close();
};

port.on('message', (message: ToSearchWorker) => {
  if (message.type === 'close') {
    closing = true;
    if (!running) finish();
  } else if (message.type === 'checkpoint') checkpoint();
  else if (running) wanted = true;
  else start();
});

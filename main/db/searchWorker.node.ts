/**
 * The worker thread that writes the search index (see searchFeeder.node.ts). It reads the
 * cache through its own read-only connection and is the index file's only writer while it
 * has work.
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

const finish = (): void => {
  search.close();
  cache.close();
  port.close();
};

port.on('message', (message: ToSearchWorker) => {
  if (message.type === 'close') {
    closing = true;
    if (!running) finish();
  } else if (running) wanted = true;
  else start();
});

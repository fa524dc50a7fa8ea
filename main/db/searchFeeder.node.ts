import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { openSearchFile } from './searchFile.node.ts';
import { createSearchIndexer, type SearchIndexer } from './searchIndexer.node.ts';
import type {
  FromSearchWorker,
  SearchWorkerData,
  ToSearchWorker,
} from './searchWorkerProtocol.node.ts';

/** Up to this many changed messages are indexed at once on this thread; more go to the worker. */
const INLINE_IDS = 500;
const INLINE_ROWS = 4;
/** Applied backlog rows are deleted from the cache in runs of this many (or when the worker reports). */
const TRIM_EVERY = 32;
/** How long after a commit the worker checkpoints the write-ahead log, at most once per this. */
const CHECKPOINT_AFTER_MS = 500;
/** SQLite's own default, restored when the worker cannot checkpoint for this thread. */
const AUTOCHECKPOINT_PAGES = 1000;

export interface SearchFeederOptions {
  cacheFile: string;
  searchFile: string;
  /** Where failures are told; the index is never worth stopping the app for. */
  warn(message: string): void;
  /** Starts the worker; tests replace it to see a worker that dies. */
  spawn?: (data: SearchWorkerData) => Worker;
}

/**
 * Keeps the search index in step with the cache. A live message (or a few) is indexed at
 * once, on this thread, so it is searchable as soon as it is shown. A burst (a history
 * page, a reconnect, an import, a rebuild) goes to a worker thread, which indexes while the
 * ingest writer takes the next batch: that is where the second core earns its keep. Only
 * one of the two writes the index at a time. If the worker cannot run, everything is
 * indexed here, more slowly but completely.
 *
 * The worker also checkpoints the cache's write-ahead log (copies it into the database file
 * and syncs it). Left to SQLite, that happens inside whichever commit crosses 1000 pages:
 * tens of milliseconds of the core's thread in the middle of a burst, half the time a burst
 * spends committing. Without the worker, SQLite does it here again.
 */
export class SearchFeeder {
  readonly #cache: Database;
  readonly #search: Database;
  readonly #indexer: SearchIndexer;
  readonly #trim;
  readonly #manyMessages;
  #worker: Worker | undefined;
  #workerBroken = false;
  #workerCannotCheckpoint = false;
  #busy = false;
  #again = false;
  #trimmed = 0;
  #waiters: (() => void)[] = [];
  /** Set after a failure was told, so a full disk is reported once, not once per message. */
  #failing = false;
  #closed: Promise<void> | undefined;
  #checkpointTimer: NodeJS.Timeout | undefined;

  constructor(
    cache: Database,
    private readonly options: SearchFeederOptions,
  ) {
    this.#cache = cache;
    this.#search = openSearchFile(options.searchFile);
    this.#autocheckpoint(0);
    this.#indexer = createSearchIndexer(cache, this.#search);
    this.#trim = cache.prepare('DELETE FROM search_backlog WHERE seq <= ?');
    this.#manyMessages = cache
      .prepare(
        `SELECT count(*) > ${INLINE_IDS} FROM (SELECT 1 FROM messages LIMIT ${INLINE_IDS + 1})`,
      )
      .pluck();
    // A new index file (first start, or after a format change) is built now.
    this.changed();
  }

  /** After the cache committed a change: index it now, or have the worker do it. */
  changed(): void {
    if (this.#closed) return;
    this.#checkpointSoon();
    if (this.#busy) {
      this.#again = true;
      return;
    }
    try {
      const { rebuilding, rows, ids } = this.#indexer.status(INLINE_ROWS + 1);
      if (rows === 0 && !rebuilding) return this.#settle();
      const small = rebuilding
        ? this.#manyMessages.get() === 0
        : rows <= INLINE_ROWS && ids <= INLINE_IDS;
      if (small || !this.#startWorker()) {
        while (this.#indexer.step());
        this.#trimTo(this.#indexer.applied(), false);
        this.#failing = false;
      } else {
        this.#busy = true;
        // Held open while it works, so a process waiting for it does not exit; let go when idle.
        this.#worker!.ref();
        this.#post({ type: 'work' });
        return;
      }
    } catch (error) {
      this.#failed(String(error));
    }
    this.#settle();
  }

  /** Whether a burst or a rebuild is still being indexed, so a search may miss some of it. */
  indexing(): boolean {
    return this.#busy;
  }

  /** Resolves once everything committed so far is searchable, or after `withinMs`, whichever is first. */
  caughtUp(withinMs = Number.POSITIVE_INFINITY): Promise<void> {
    if (!this.#busy) return Promise.resolve();
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      if (Number.isFinite(withinMs)) setTimeout(resolve, withinMs).unref();
    });
  }

  /** Stops the worker after its current step; the rest of the backlog waits in the cache for next time. */
  close(): Promise<void> {
    if (this.#closed) return this.#closed;
    clearTimeout(this.#checkpointTimer);
    const worker = this.#worker;
    this.#closed = worker
      ? new Promise<void>((resolve) => {
          worker.once('exit', () => resolve());
          worker.ref();
          this.#post({ type: 'close' });
          // A step takes milliseconds; a worker that does not answer is not waited for.
          setTimeout(() => void worker.terminate(), 1000).unref();
        })
      : Promise.resolve();
    this.#search.close();
    this.#settle(true);
    return this.#closed;
  }

  #startWorker(): boolean {
    if (this.#worker) return true;
    if (this.#workerBroken) return false;
    try {
      const data: SearchWorkerData = {
        cacheFile: this.options.cacheFile,
        searchFile: this.options.searchFile,
      };
      const worker = (this.options.spawn ?? spawnSearchWorker)(data);
      worker.on('message', (message: FromSearchWorker) => this.#heard(message));
      worker.on('error', (error) => this.#lost(error));
      worker.on('exit', (code) => {
        if (!this.#closed) this.#lost(new Error(`the search worker stopped (exit code ${code})`));
      });
      worker.unref();
      this.#worker = worker;
      return true;
    } catch (error) {
      this.#lost(error);
      return false;
    }
  }

  #checkpointSoon(): void {
    if (this.#checkpointTimer || this.#workerBroken || this.#workerCannotCheckpoint) return;
    this.#checkpointTimer = setTimeout(() => {
      this.#checkpointTimer = undefined;
      if (!this.#closed && this.#startWorker()) this.#post({ type: 'checkpoint' });
    }, CHECKPOINT_AFTER_MS).unref();
  }

  /** 0: only the worker checkpoints; otherwise SQLite does, in the commit that crosses that many pages. */
  #autocheckpoint(pages: number): void {
    try {
      this.#cache.pragma(`wal_autocheckpoint = ${pages}`);
      this.#search.pragma(`wal_autocheckpoint = ${pages}`);
    } catch {
      // A closed connection: nothing is committed on it any more.
    }
  }

  #heard(message: FromSearchWorker): void {
    if (message.type === 'failed') return this.#failed(message.message);
    if (message.type === 'cannot-checkpoint') {
      this.#autocheckpoint(AUTOCHECKPOINT_PAGES);
      this.#workerCannotCheckpoint = true;
      return;
    }
    this.#busy = false;
    // Once closing, the worker stays held until it has stopped: it may report a step it
    // finished before it read `close`, and letting go then ends a process that waits on it.
    if (this.#closed) return;
    this.#worker?.unref();
    this.#trimTo(message.applied, true);
    if (this.#again) {
      this.#again = false;
      this.changed();
    } else this.#settle();
  }

  /** The worker could not start or died: index here from now on; nothing was lost, the backlog is still in the cache. */
  #lost(error: unknown): void {
    if (this.#workerBroken) return;
    this.#workerBroken = true;
    this.#worker = undefined;
    this.#autocheckpoint(AUTOCHECKPOINT_PAGES);
    this.options.warn(
      `Search indexing continues on the main thread: the search worker failed (${String(error)}).`,
    );
    this.#busy = false;
    this.#again = false;
    if (!this.#closed) this.changed();
  }

  #failed(detail: string): void {
    if (this.#failing) return;
    this.#failing = true;
    this.options.warn(
      `Search could not index new messages yet; it will try again with the next ones (${detail}).`,
    );
  }

  #trimTo(applied: number, now: boolean): void {
    if (!now && applied - this.#trimmed < TRIM_EVERY) return;
    try {
      this.#trim.run(applied);
      this.#trimmed = applied;
    } catch {
      // A full disk: the rows stay until the next trim, which is harmless.
    }
  }

  #post(message: ToSearchWorker): void {
    this.#worker?.postMessage(message);
  }

  #settle(all = false): void {
    if (this.#busy && !all) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }
}

/**
 * From the sources (tests, tsx) the worker starts through a small loader; in the built app
 * it is dist/main/searchWorker.cjs beside the main bundle.
 */
function spawnSearchWorker(data: SearchWorkerData): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return new Worker(new URL('./searchWorkerFromSource.node.mjs', here), {
      workerData: { ...data, entry: new URL('./searchWorker.node.ts', here).href },
    });
  }
  return new Worker(path.join(path.dirname(fileURLToPath(here)), 'searchWorker.cjs'), {
    workerData: data,
  });
}

/** What the search worker is started with. */
export interface SearchWorkerData {
  cacheFile: string;
  searchFile: string;
}

/**
 * To the worker: `work` whenever the cache has committed something to index; `checkpoint`
 * to copy both write-ahead logs into their database files; `close` to finish.
 */
export type ToSearchWorker = { type: 'work' } | { type: 'checkpoint' } | { type: 'close' };

/**
 * From the worker: done with everything it was asked (`applied` is its last backlog row), a
 * failure it survived, or that it cannot checkpoint the cache (then the core thread must again).
 */
export type FromSearchWorker =
  | { type: 'idle'; applied: number }
  | { type: 'failed'; message: string; code?: string }
  | { type: 'cannot-checkpoint'; message: string };

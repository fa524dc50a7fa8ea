/** What the search worker is started with. */
export interface SearchWorkerData {
  cacheFile: string;
  searchFile: string;
}

/** To the worker: `work` whenever the cache has committed something to index; `close` to finish. */
export type ToSearchWorker = { type: 'work' } | { type: 'close' };

/** From the worker: done with everything it was asked (`applied` is its last backlog row), or a failure it survived. */
export type FromSearchWorker =
  { type: 'idle'; applied: number } | { type: 'failed'; message: string; code?: string };

import type { Core } from '../core.node.ts';
import type { DomainHandlers } from './handlerTypes.node.ts';

/** How long a search waits for the index to take in a burst that is still being indexed. */
const SEARCH_CATCH_UP_MS = 2000;

/** Full-text search over the cache, everywhere or in one conversation. */
export const searchHandlers = (core: Core): DomainHandlers<'search'> => ({
  search: async (query) => {
    // A burst still being indexed by the worker: wait a little, so what was shown can be found.
    await core.cache.search.caughtUp(SEARCH_CATCH_UP_MS);
    return { hits: core.cache.reader.search(query), indexing: core.cache.search.indexing() };
  },
});

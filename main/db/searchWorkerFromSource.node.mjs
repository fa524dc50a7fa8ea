// Starts the search worker from its TypeScript source (tests, `npm run core`): a worker
// thread does not inherit tsx from its parent. The packaged app runs the built
// dist/main/searchWorker.cjs instead.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);

/**
 * Starts a pool thread's TypeScript entry from source (a checkout, vitest): tsx is registered in
 * this thread, as loader hooks are per thread. A built app starts the bundled .js entry instead.
 */
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);

/**
 * A farm worker's render thread: one chunk, then it exits. The worker's main thread only talks
 * to Redis, so BullMQ's lock renewal runs on time however heavy the render is.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RedubError } from '../errors';
import type { ChunkJobData } from './farm-jobs';
import { renderChunkJob } from './render-chunk-job';

export type ThreadMessage = { type: 'progress'; done: number } | { type: 'done'; frames: number } | { type: 'error'; message: string };

const port = parentPort!;
const post = (m: ThreadMessage) => port.postMessage(m);
const controller = new AbortController();
port.on('message', (m) => {
  if (m === 'cancel') controller.abort(new RedubError('CANCELLED', 'chunk cancelled'));
});

let last = 0;
renderChunkJob(workerData as ChunkJobData, {
  signal: controller.signal,
  onFrame: (done) => {
    // A few messages a second are plenty for a progress line.
    if (performance.now() - last < 250) return;
    last = performance.now();
    post({ type: 'progress', done });
  },
}).then(
  (frames) => post({ type: 'done', frames }),
  (e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
);

/**
 * A farm worker's render thread: renders the chunks it is handed, one at a time, and stays up
 * between them (starting a thread loads the whole engine: seconds). The worker's main thread
 * only talks to Redis, so BullMQ's lock renewal runs on time however heavy the render is.
 */
import { parentPort } from 'node:worker_threads';
import { RedubError } from '../errors';
import type { ChunkJobData } from './farm-jobs';
import { renderChunkJob } from './render-chunk-job';

export type ToThread = { type: 'render'; data: ChunkJobData } | { type: 'cancel' };
export type FromThread =
  { type: 'ready' } | { type: 'progress'; done: number } | { type: 'done'; frames: number } | { type: 'error'; message: string };

const port = parentPort!;
const post = (m: FromThread) => port.postMessage(m);
let controller: AbortController | undefined;

async function render(data: ChunkJobData): Promise<void> {
  controller = new AbortController();
  let last = 0;
  try {
    const frames = await renderChunkJob(data, {
      signal: controller.signal,
      onFrame: (done) => {
        // A few messages a second are plenty for a progress line.
        if (performance.now() - last < 250) return;
        last = performance.now();
        post({ type: 'progress', done });
      },
    });
    post({ type: 'done', frames });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  } finally {
    controller = undefined;
  }
}

port.on('message', (m: ToThread) => {
  if (m.type === 'cancel') controller?.abort(new RedubError('CANCELLED', 'chunk cancelled'));
  else void render(m.data);
});
// The engine is loaded: the worker may announce itself (RenderThreads.warm).
post({ type: 'ready' });

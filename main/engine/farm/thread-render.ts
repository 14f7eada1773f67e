import { Worker } from 'node:worker_threads';
import { RedubError } from '../errors';
import type { ChunkJobData } from './farm-jobs';
import type { ThreadMessage } from './render-thread';

/** The thread's entry: the source launcher in a checkout, the bundled file in a build. */
function threadEntry(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './render-thread.mjs' : './farm-render-thread.js', import.meta.url);
}

/** A cancelled thread that does not stop within this long is terminated. */
const STOP_GRACE_MS = 5000;

/** Renders one chunk on a worker thread; resolves with its frame count, rejects with the thread's one-line error. */
export function renderInThread(data: ChunkJobData, onFrame: (done: number) => void, signal?: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(threadEntry(), { workerData: data });
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', cancel);
      f();
    };
    const cancel = () => {
      thread.postMessage('cancel');
      setTimeout(() => void thread.terminate(), STOP_GRACE_MS).unref();
    };
    signal?.addEventListener('abort', cancel, { once: true });
    thread.on('message', (m: ThreadMessage) => {
      if (m.type === 'progress') onFrame(m.done);
      else if (m.type === 'done') settle(() => resolve(m.frames));
      else settle(() => reject(signal?.aborted ? new RedubError('CANCELLED', 'chunk cancelled') : new Error(m.message)));
    });
    thread.on('error', (e) => settle(() => reject(e)));
    thread.on('exit', (code) => settle(() => reject(new RedubError('CANCELLED', `render thread stopped (exit ${code})`))));
  });
}

import { parentPort } from 'node:worker_threads';
import type { FromPoolThread, ToPoolThread } from './worker-pool';

/** A handler's answer: the result, and the buffers in it that move back instead of being copied. */
export interface PoolReply<R> {
  result: R;
  transfer?: ArrayBuffer[];
}

/**
 * The thread side of a WorkerPool: runs `handle` on every task, one at a time (the pool sends a
 * thread one task at a time), and answers with its result or its error's one-line message.
 */
export function servePoolTasks<T, R>(handle: (payload: T) => Promise<PoolReply<R>> | PoolReply<R>): void {
  const port = parentPort;
  if (!port) throw new Error('pool-thread.ts: servePoolTasks() runs only inside a worker thread');
  port.on('message', async (m: ToPoolThread) => {
    try {
      const { result, transfer } = await handle(m.payload as T);
      port.postMessage({ id: m.id, ok: true, result } satisfies FromPoolThread, transfer ?? []);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      port.postMessage({ id: m.id, ok: false, message } satisfies FromPoolThread);
    }
  });
}

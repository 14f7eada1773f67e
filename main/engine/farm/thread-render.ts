import { Worker } from 'node:worker_threads';
import { RedubError } from '../errors';
import type { ChunkJobData } from './farm-jobs';
import type { FromThread, ToThread } from './render-thread';

/** The thread's entry: the source launcher in a checkout, the bundled file in a build. */
function threadEntry(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './render-thread.mjs' : './farm-render-thread.js', import.meta.url);
}

/** A cancelled render that does not stop within this long has its thread terminated. */
const STOP_GRACE_MS = 5000;

/**
 * Render threads, kept between chunks; the caller bounds how many render at once (Slots), so
 * the pool never holds more threads than that.
 */
export class RenderThreads {
  private readonly idle: Worker[] = [];
  private readonly busy = new Set<Worker>();

  /** Renders one chunk on a thread; resolves with its frame count, rejects with the thread's one-line error. */
  render(data: ChunkJobData, onFrame: (done: number) => void, signal?: AbortSignal): Promise<number> {
    const thread = this.idle.pop() ?? new Worker(threadEntry());
    this.busy.add(thread);
    return new Promise<number>((resolve, reject) => {
      let settled = false;
      const settle = (f: () => void, reuse: boolean) => {
        if (settled) return;
        settled = true;
        this.busy.delete(thread);
        signal?.removeEventListener('abort', cancel);
        thread.off('message', onMessage);
        thread.off('error', onError);
        thread.off('exit', onExit);
        if (reuse) this.idle.push(thread);
        else void thread.terminate();
        f();
      };
      const cancel = () => {
        thread.postMessage({ type: 'cancel' } satisfies ToThread);
        setTimeout(() => settle(() => reject(new RedubError('CANCELLED', 'chunk cancelled')), false), STOP_GRACE_MS).unref();
      };
      const onMessage = (m: FromThread) => {
        if (m.type === 'ready') return;
        if (m.type === 'progress') return onFrame(m.done);
        if (m.type === 'done') return settle(() => resolve(m.frames), true);
        const e = signal?.aborted ? new RedubError('CANCELLED', 'chunk cancelled') : new Error(m.message);
        settle(() => reject(e), true);
      };
      const onError = (e: Error) => settle(() => reject(e), false);
      const onExit = (code: number) => settle(() => reject(new Error(`render thread stopped (exit ${code})`)), false);
      thread.on('message', onMessage);
      thread.on('error', onError);
      thread.on('exit', onExit);
      signal?.addEventListener('abort', cancel, { once: true });
      thread.postMessage({ type: 'render', data } satisfies ToThread);
      if (signal?.aborted) cancel();
    });
  }

  /**
   * Starts `n` threads and waits until each has loaded the engine (seconds), so the first chunk
   * a worker takes renders as fast as the next, and its first lock is not spent loading code.
   */
  async warm(n: number): Promise<void> {
    const started = Array.from({ length: n }, () => new Worker(threadEntry()));
    await Promise.all(
      started.map(
        (t) =>
          new Promise<void>((resolve, reject) => {
            const onMessage = (m: FromThread) => m.type === 'ready' && done(() => resolve());
            const onError = (e: Error) => done(() => reject(e));
            const onExit = (code: number) => done(() => reject(new Error(`render thread stopped while loading (exit ${code})`)));
            const done = (f: () => void) => {
              t.off('message', onMessage);
              t.off('error', onError);
              t.off('exit', onExit);
              f();
            };
            t.on('message', onMessage);
            t.on('error', onError);
            t.on('exit', onExit);
          }),
      ),
    );
    this.idle.push(...started);
  }

  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((t) => t.terminate()));
  }

  /** Stops every thread, those rendering included (their renders reject). */
  async terminate(): Promise<void> {
    const all = [...this.idle.splice(0), ...this.busy];
    await Promise.all(all.map((t) => t.terminate()));
  }
}

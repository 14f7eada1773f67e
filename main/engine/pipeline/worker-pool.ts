import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * What a pool thread receives and sends back. `transfer` lists the buffers that move instead of
 * being copied (a frame's pixels travel to the thread and back once each, never cloned).
 */
export interface PoolTask<T> {
  payload: T;
  transfer?: ArrayBuffer[];
}

/** Messages between the pool and its threads (pool-thread.ts serves the other end). */
export type ToPoolThread = { id: number; payload: unknown };
export type FromPoolThread = { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };

/**
 * A thread's entry: a .ts module runs through the tsx launcher (a checkout, vitest), a .js one
 * (the electron-vite bundle) directly.
 */
function startThread(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  // Not a literal URL: the bundler must not try to emit the launcher (a build never uses it).
  const launcher = './ts-thread.mjs';
  return new Worker(new URL(launcher, import.meta.url), { workerData: { entry: entry.href } });
}

/**
 * Threads for stage work: REDUB_STAGE_THREADS, else one per core but one (the main thread
 * decodes, plans and encodes), at least 1, at most 3; 0 = none (in-process). Each thread holds
 * its own OpenCV heap (≈ 115 MiB measured at 720p), so more threads cost memory.
 */
export function stageThreadCount(): number {
  const env = process.env.REDUB_STAGE_THREADS;
  if (env !== undefined && env !== '' && Number.isFinite(Number(env))) return Math.max(0, Math.floor(Number(env)));
  return Math.max(1, Math.min(3, availableParallelism() - 1));
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

/**
 * A fixed set of worker threads running one kind of task (the entry module's handler). At most
 * `size` tasks run at once and `run` waits while the queue (`queued` more) is full, so memory
 * stays bounded however fast frames arrive. The first failure stops the pool: that task's
 * promise and every later one reject with the thread's own one-line message.
 */
export class WorkerPool<T, R> {
  private readonly threads: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: { task: PoolTask<T>; id: number }[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly room: (() => void)[] = [];
  private nextId = 0;
  private failure: Error | undefined;

  constructor(
    entry: URL,
    readonly size: number,
    private readonly queued = size,
  ) {
    for (let i = 0; i < size; i++) {
      const t = startThread(entry);
      t.on('message', (m: FromPoolThread) => this.onMessage(t, m));
      t.on('error', (e) => this.fail(e instanceof Error ? e : new Error(String(e))));
      t.on('exit', (code) => this.threads.includes(t) && this.fail(new Error(`stage thread stopped (exit ${code})`)));
      this.threads.push(t);
      this.idle.push(t);
    }
  }

  /** Runs one task; resolves with the handler's result (rejects with the pool's first error). */
  async run(task: PoolTask<T>): Promise<R> {
    while (!this.failure && this.waiting.length >= this.queued) await new Promise<void>((r) => this.room.push(r));
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    const result = new Promise<R>((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
    this.waiting.push({ task, id });
    this.dispatch();
    return result;
  }

  /** Results in input order, with at most size + queued tasks in flight. */
  async *ordered(tasks: AsyncIterable<PoolTask<T>> | Iterable<PoolTask<T>>): AsyncGenerator<R> {
    const inFlight: Promise<R>[] = [];
    // Settled-but-unread promises must not count as unhandled while earlier ones are awaited.
    const track = (p: Promise<R>) => (p.catch(() => undefined), inFlight.push(p));
    for await (const task of tasks) {
      track(this.run(task));
      while (inFlight.length > this.size + this.queued) yield await inFlight.shift()!;
    }
    while (inFlight.length) yield await inFlight.shift()!;
  }

  private dispatch(): void {
    while (!this.failure && this.idle.length && this.waiting.length) {
      const thread = this.idle.pop()!;
      const { task, id } = this.waiting.shift()!;
      thread.postMessage({ id, payload: task.payload } satisfies ToPoolThread, task.transfer ?? []);
      this.room.shift()?.();
    }
  }

  private onMessage(thread: Worker, m: FromPoolThread): void {
    const p = this.pending.get(m.id);
    this.pending.delete(m.id);
    if (!m.ok) {
      const e = new Error(m.message);
      p?.reject(e);
      return this.fail(e);
    }
    this.idle.push(thread);
    p?.resolve(m.result);
    this.dispatch();
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    this.waiting.length = 0;
    for (const r of this.room.splice(0)) r();
  }

  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((t) => t.terminate()));
  }
}

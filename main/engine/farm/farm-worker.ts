import { Worker, UnrecoverableError, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { isRedubError, RedubError } from '../errors';
import { assembleChunks } from '../export/assemble';
import { writeSubtitles } from '../export/export-language';
import { detectCapabilities, type WorkerCapabilities } from './capabilities';
import type { FarmConnection } from './farm-url';
import { localAssemble, localChunk, type AssembleJobData, type ChunkJobData, type ChunkResult, type FarmProgress } from './farm-jobs';
import type { PathGuard } from './path-guard';
import { ASSEMBLE_QUEUE, chunkQueue, FARM_PREFIX, keys, LOCK_MS, MAX_STALLED, STALLED_MS, STOP_GIVE_UP_MS, WORKER_TTL_S } from './queues';
import { RenderThreads } from './thread-render';
import { Slots } from './slots';

export interface FarmWorkerOptions {
  connection: FarmConnection;
  guard: PathGuard;
  concurrency: number;
  /** Shown in progress and errors (default HOST/PID). */
  name?: string;
  /** One line per event (job taken, done, failed, Redis lost): never contains the password. */
  log(line: string): void;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * `redub worker`: takes chunk and assembly jobs from the farm until stopped. Renders run on
 * worker threads (thread-render.ts); this thread keeps the locks, the announcement and the
 * cancel subscription alive.
 */
export class FarmWorker {
  readonly name: string;
  private readonly workers: Worker[] = [];
  private readonly running = new Map<string, { exportId: string; worker: Worker }>();
  private readonly slots: Slots;
  private readonly threads = new RenderThreads();
  private redis?: Redis;
  private subscriber?: Redis;
  private announceTimer?: NodeJS.Timeout;
  private caps?: WorkerCapabilities;

  constructor(private readonly o: FarmWorkerOptions) {
    this.name = o.name ?? `${hostname()}/${process.pid}`;
    this.slots = new Slots(Math.max(1, o.concurrency));
  }

  async start(): Promise<WorkerCapabilities> {
    this.caps = await detectCapabilities(this.name, this.o.concurrency);
    await this.threads.warm(Math.max(1, this.o.concurrency));
    this.redis = new Redis(this.o.connection);
    this.redis.on('error', () => undefined);
    await this.announce();
    this.announceTimer = setInterval(() => void this.announce(), (WORKER_TTL_S * 1000) / 3);
    await this.listenForCancels();
    const opts = {
      connection: this.o.connection,
      prefix: FARM_PREFIX,
      lockDuration: LOCK_MS,
      stalledInterval: STALLED_MS,
      maxStalledCount: MAX_STALLED,
    };
    for (const engine of this.caps.engines) {
      const w: Worker<ChunkJobData, ChunkResult> = new Worker<ChunkJobData, ChunkResult>(
        chunkQueue(engine),
        (job, _t, signal): Promise<ChunkResult> => this.chunk(job, w, signal),
        { ...opts, concurrency: this.o.concurrency },
      );
      this.watch(w);
    }
    const a = new Worker<AssembleJobData>(ASSEMBLE_QUEUE, (job) => this.assemble(job), { ...opts, concurrency: 1 });
    this.watch(a);
    return this.caps;
  }

  /**
   * Finishes the chunks in hand, then leaves the farm. Leaving needs Redis (the chunks' results,
   * the announcement); while it cannot be reached for `giveUpMs`, the worker gives up instead
   * of waiting forever: it drops its connections and rejects with one line. The chunks in hand
   * are then not reported: their locks lapse and other workers take them again.
   */
  async stop(giveUpMs = STOP_GIVE_UP_MS): Promise<void> {
    clearInterval(this.announceTimer);
    const leaving = this.leave();
    let watch: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<never>((_, reject) => {
      let downSince = 0;
      watch = setInterval(() => {
        if (this.redis?.status === 'ready') return void (downSince = 0);
        downSince ||= Date.now();
        if (Date.now() - downSince < giveUpMs) return;
        void this.drop();
        const s = (giveUpMs / 1000).toFixed(0);
        reject(new RedubError('FARM_UNREACHABLE', `worker ${this.name}: Redis unreachable for ${s} s while leaving the farm; exiting`));
      }, 200);
    });
    try {
      await Promise.race([leaving, gaveUp]);
    } finally {
      clearInterval(watch);
    }
  }

  private async leave(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await this.threads.close();
    await this.redis?.del(keys.worker(this.name)).catch(() => undefined);
    this.subscriber?.disconnect();
    this.redis?.disconnect();
  }

  /** Without Redis: stops the renders and every connection at once (nothing keeps the process up). */
  private async drop(): Promise<void> {
    await this.threads.terminate();
    this.subscriber?.disconnect();
    this.redis?.disconnect();
    await Promise.all(this.workers.map((w) => w.disconnect().catch(() => undefined)));
  }

  private watch(w: Worker): void {
    this.workers.push(w);
    let down = false;
    w.on('error', (e) => {
      if (!down) this.o.log(`redis: ${errorText(e)} (reconnecting)`);
      down = true;
    });
    w.on('ready', () => {
      if (down) this.o.log('redis: reconnected');
      down = false;
    });
  }

  private async announce(): Promise<void> {
    await this.redis!.set(keys.worker(this.name), JSON.stringify(this.caps), 'EX', WORKER_TTL_S).catch(() => undefined);
  }

  /** A cancelled export's running chunks stop at once; its queued ones are refused when taken. */
  private async listenForCancels(): Promise<void> {
    this.subscriber = new Redis(this.o.connection);
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, exportId: string) => {
      for (const [jobId, r] of this.running) if (r.exportId === exportId) r.worker.cancelJob(jobId, 'cancelled');
    });
    await this.subscriber.subscribe(keys.cancelChannel);
  }

  private async refuseIfCancelled(exportId: string): Promise<void> {
    if (await this.redis!.exists(keys.cancelled(exportId))) throw new UnrecoverableError(`${this.name}: export cancelled`);
  }

  private async chunk(job: Job<ChunkJobData, ChunkResult>, worker: Worker, signal?: AbortSignal): Promise<ChunkResult> {
    const d = job.data;
    await this.refuseIfCancelled(d.exportId);
    const what = `chunk ${d.index} of ${d.language}`;
    let local: ChunkJobData;
    try {
      local = localChunk(d, this.o.guard);
    } catch (e) {
      this.o.log(`refused ${what}: ${errorText(e)}`);
      throw new UnrecoverableError(`${this.name}: ${errorText(e)}`);
    }
    // Content-addressed: a chunk already in place (rendered by a worker that died before it
    // could report it) is done.
    if (existsSync(local.out)) return { worker: this.name, rendered: false };
    const release = await this.slots.acquire();
    this.running.set(job.id!, { exportId: d.exportId, worker });
    const started = performance.now();
    this.o.log(`rendering ${what} (frames ${d.start}-${d.end}, attempt ${job.attemptsMade + 1})`);
    try {
      const frames = await this.threads.render(
        local,
        (done) => {
          const fps = done / Math.max(0.001, (performance.now() - started) / 1000);
          // Not awaited: while Redis is away the render goes on, and the next update catches up.
          job.updateProgress({ done, fps, worker: this.name } satisfies FarmProgress).catch(() => undefined);
        },
        signal,
      );
      this.o.log(`rendered ${what}: ${frames} frames in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return { worker: this.name, rendered: true };
    } catch (e) {
      this.o.log(`failed ${what}: ${errorText(e)}`);
      const message = `${this.name}: ${errorText(e)}`;
      throw signal?.aborted || (isRedubError(e) && e.code === 'CANCELLED') ? new UnrecoverableError(message) : new Error(message);
    } finally {
      this.running.delete(job.id!);
      release();
    }
  }

  private async assemble(job: Job<AssembleJobData>): Promise<{ worker: string; out: string }> {
    const d = job.data;
    await this.refuseIfCancelled(d.exportId);
    let local: AssembleJobData;
    try {
      local = localAssemble(d, this.o.guard);
    } catch (e) {
      this.o.log(`refused assembling ${d.language}: ${errorText(e)}`);
      throw new UnrecoverableError(`${this.name}: ${errorText(e)}`);
    }
    try {
      this.o.log(`assembling ${d.language}: ${d.chunks.length} chunks → ${local.out}`);
      await assembleChunks(local.chunks, local.out, local.encode, local.mix, d.language, local.trim);
      if (local.subtitles) await writeSubtitles(local.subtitles);
      return { worker: this.name, out: local.out };
    } catch (e) {
      this.o.log(`failed assembling ${d.language}: ${errorText(e)}`);
      throw new Error(`${this.name}: ${errorText(e)}`);
    }
  }
}

import { FlowProducer, Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { planExport, subtitlesOf, type ExportRequest } from '../export/export-language';
import { assertRunnable, type WorkerCapabilities } from './capabilities';
import type { AssembleJobData, ChunkJobData, FarmProgress } from './farm-jobs';
import type { FarmConnection } from './farm-url';
import { ASSEMBLE_QUEUE, chunkQueue, FARM_PREFIX, JOB_OPTIONS, keys } from './queues';

/** One language's flow, as recorded in Redis for `redub jobs --farm` and cancel. */
export interface FarmExportRecord {
  exportId: string;
  language: string;
  parentId: string;
  chunkQueue: string;
  /** The queued chunks (chunks already on disk are never queued). */
  chunks: { id: string; index: number; frames: number }[];
  /** Chunks in the language's plan, those already on disk included. */
  planned: number;
  /** The frames of the language's planned chunks, reused chunks included. */
  frames: number;
  out: string;
  submittedAt: number;
  cancelled?: boolean;
}

export type FarmState = 'queued' | 'rendering' | 'assembling' | 'done' | 'failed' | 'cancelled';

export interface FarmStatus {
  record: FarmExportRecord;
  state: FarmState;
  done: number;
  total: number;
  fps: number;
  /** Seconds left at the current rate; Infinity while unknown. */
  eta: number;
  /** Workers rendering this language's chunks now. */
  workers: string[];
  chunksDone: number;
  error?: string;
}

const FINAL: FarmState[] = ['done', 'failed', 'cancelled'];
export const isFinal = (s: FarmStatus) => FINAL.includes(s.state);

/** The exporter's side of the farm: submits flows, reads their state, cancels them. */
export class FarmClient {
  private readonly redis: Redis;
  private readonly flow: FlowProducer;
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly connection: FarmConnection) {
    this.redis = new Redis(connection);
    this.redis.on('error', () => undefined);
    this.flow = new FlowProducer({ connection, prefix: FARM_PREFIX });
    this.flow.on('error', () => undefined);
  }

  private queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connection, prefix: FARM_PREFIX });
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  async liveWorkers(): Promise<WorkerCapabilities[]> {
    const names = await this.redis.keys(keys.workerPattern);
    const values = names.length ? await this.redis.mget(names) : [];
    return values.filter((v): v is string => !!v).map((v) => JSON.parse(v) as WorkerCapabilities);
  }

  /** Plans the language as a local export would, then queues one flow: its missing chunks, and the assembly. */
  async submit(projectKey: string, req: ExportRequest, batchSize = 8): Promise<FarmExportRecord> {
    const p = await planExport(req);
    const language = req.language ?? p.lipsync.language ?? 'und';
    const engine = p.lipsync.engine;
    assertRunnable(await this.liveWorkers(), { engine, encoder: p.encode.codec }, `export ${language}`);
    const exportId = randomUUID().slice(0, 12);
    const parentId = `${exportId}.${language}`;
    const queueName = chunkQueue(engine);
    const children = p.todo.map((c) => {
      const data: ChunkJobData = {
        exportId,
        language,
        index: c.index,
        key: c.key,
        video: req.video,
        info: p.video,
        start: c.start,
        end: c.end,
        frameCount: p.frames,
        encode: p.encode,
        lipsync: p.lipsync,
        audioPath: p.audioPath,
        out: p.chunkPath(c),
        batchSize,
      };
      return { name: 'chunk', queueName, data, opts: { ...JOB_OPTIONS, jobId: `${parentId}.${c.index}`, failParentOnFailure: true } };
    });
    const assemble: AssembleJobData = {
      exportId,
      language,
      chunks: p.plan.map(p.chunkPath),
      out: req.out,
      encode: p.encode,
      mix: p.mix,
      trim: p.trim,
      subtitles: subtitlesOf(req, p),
    };
    await this.flow.add({
      name: 'assemble',
      queueName: ASSEMBLE_QUEUE,
      data: assemble,
      opts: { ...JOB_OPTIONS, jobId: parentId },
      children,
    });
    const record: FarmExportRecord = {
      exportId,
      language,
      parentId,
      chunkQueue: queueName,
      chunks: p.todo.map((c) => ({ id: `${parentId}.${c.index}`, index: c.index, frames: c.end - c.start })),
      planned: p.plan.length,
      // The planned chunks' frames (an In–Out export plans only the chunks of its range).
      frames: p.plan.reduce((n, c) => n + c.end - c.start, 0),
      out: req.out,
      submittedAt: Date.now(),
    };
    await this.redis.hset(keys.exports(projectKey), language, JSON.stringify(record));
    return record;
  }

  /** Answers once Redis does (the exporter checks the URL before it plans anything). */
  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async records(projectKey: string): Promise<FarmExportRecord[]> {
    const all = await this.redis.hgetall(keys.exports(projectKey));
    return Object.values(all).map((v) => JSON.parse(v) as FarmExportRecord);
  }

  /** Where a language stands, aggregated from its chunks' states and the workers' progress reports. */
  async status(record: FarmExportRecord): Promise<FarmStatus> {
    const parent = await this.queue(ASSEMBLE_QUEUE).getJob(record.parentId);
    const parentState = parent ? await parent.getState() : 'unknown';
    let done = record.frames - record.chunks.reduce((n, c) => n + c.frames, 0);
    let fps = 0;
    let chunksDone = 0;
    const workers = new Set<string>();
    let error: string | undefined;
    for (const c of record.chunks) {
      const job = (await this.queue(record.chunkQueue).getJob(c.id)) as Job<ChunkJobData> | undefined;
      const state = job ? await job.getState() : 'unknown';
      const progress = job?.progress as FarmProgress | number | undefined;
      if (state === 'completed') {
        done += c.frames;
        chunksDone++;
      } else if (state === 'active' && progress && typeof progress === 'object') {
        done += Math.min(progress.done, c.frames);
        fps += progress.fps;
        workers.add(progress.worker);
      } else if (state === 'failed' && !error) {
        error = `chunk ${c.index} failed after ${job?.attemptsMade ?? 0} attempt(s) on ${job?.failedReason ?? 'a worker'}`;
      }
    }
    if (parentState === 'failed' && !error) error = `assembly failed on ${parent?.failedReason ?? 'a worker'}`;
    const state: FarmState = record.cancelled
      ? 'cancelled'
      : parentState === 'completed'
        ? 'done'
        : error
          ? 'failed'
          : parentState === 'active'
            ? 'assembling'
            : done > 0 || workers.size
              ? 'rendering'
              : 'queued';
    const eta = fps > 0 ? (record.frames - done) / fps : Infinity;
    return { record, state, done, total: record.frames, fps, eta, workers: [...workers], chunksDone, error };
  }

  /**
   * Cancels a language: queued chunks are removed, running ones stopped by their workers
   * (pub/sub), and a worker taking one later refuses it (the cancelled key).
   */
  async cancel(projectKey: string, record: FarmExportRecord, o: { mark?: boolean } = {}): Promise<void> {
    await this.redis.set(keys.cancelled(record.exportId), '1', 'EX', 7 * 24 * 3600);
    await this.redis.publish(keys.cancelChannel, record.exportId);
    for (const c of record.chunks) {
      const job = await this.queue(record.chunkQueue).getJob(c.id);
      const state = job ? await job.getState() : 'unknown';
      if (state === 'waiting' || state === 'delayed' || state === 'prioritized') await job!.remove().catch(() => undefined);
    }
    if (o.mark === false) return;
    record.cancelled = true;
    await this.redis.hset(keys.exports(projectKey), record.language, JSON.stringify(record));
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.flow.close();
    this.redis.disconnect();
  }
}

import type { JobsOptions } from 'bullmq';

/** Every farm key in Redis starts with this (BullMQ's queues and Redub's own keys alike). */
export const FARM_PREFIX = 'redub';
export const ASSEMBLE_QUEUE = 'assemble';

/** Chunks are routed by lip-sync engine: a worker listens only to the engines it has. */
export function chunkQueue(engine: string): string {
  return `chunks-${engine.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

/** 3 attempts, 1 s then 2 s apart; a refused or cancelled job fails at once (UnrecoverableError). */
export const JOB_OPTIONS: JobsOptions = { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: false };

/**
 * A killed worker's chunk is taken again once its lock lapses: LOCK_MS after its last renewal,
 * seen by the next stalled check (every STALLED_MS). The render runs on a worker thread, so the
 * renewal (every LOCK_MS / 2) is never starved by it.
 */
export const LOCK_MS = 10_000;
export const STALLED_MS = 5_000;
/** A stall is the machine's fault, not the chunk's: it does not count as a failed attempt up to this many. */
export const MAX_STALLED = 3;

export const keys = {
  /** One key per live worker (its capabilities, JSON), expiring unless renewed. */
  worker: (name: string) => `${FARM_PREFIX}:farm:worker:${name}`,
  workerPattern: `${FARM_PREFIX}:farm:worker:*`,
  /** The farm exports of one project: language → FarmExportRecord (JSON). */
  exports: (projectKey: string) => `${FARM_PREFIX}:farm:exports:${projectKey}`,
  /** Set when an export is cancelled; a worker checks it before each job. */
  cancelled: (exportId: string) => `${FARM_PREFIX}:farm:cancelled:${exportId}`,
  /** Pub/sub: an export id, published when it is cancelled (running chunks stop at once). */
  cancelChannel: `${FARM_PREFIX}:farm:cancel`,
};

/** Seconds a worker's announcement lives without renewal (renewed every third of it). */
export const WORKER_TTL_S = 15;

/** A worker told to stop while Redis is unreachable waits this long for it, then exits without it. */
export const STOP_GIVE_UP_MS = 10_000;

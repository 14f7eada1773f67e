import { RedubError } from '../errors';
import { canonicalLanguage } from './language';
import type { JobState, JsonObject, RenderJob } from './types';
import { type Db, guard, newId, notFound, now, parseJson, type Row } from './sql';

/**
 * The export queue's persistent state. State machine:
 *   queued -> running (claimNext) -> done | failed | cancelled
 *   queued -> cancelled;  failed | cancelled -> queued (requeue)
 * A cancel while running wins over a late finish/fail/progress from the worker: those
 * become no-ops, and the worker sees `state === 'cancelled'` in what they return.
 */
export interface NewJob {
  language: string;
  format: string;
  outPath: string;
  settings?: JsonObject;
  settingsHash?: string;
}

export interface JobProgress {
  progress: number;
  fps?: number;
  eta?: number;
}

function fromRow(r: Row): RenderJob {
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    language: r.language as string,
    format: r.format as string,
    state: r.state as JobState,
    progress: r.progress as number,
    fps: (r.fps as number | null) ?? null,
    eta: (r.eta as number | null) ?? null,
    error: (r.error as string | null) ?? null,
    outPath: r.out_path as string,
    settings: parseJson<JsonObject>(r.settings, {}),
    settingsHash: r.settings_hash as string,
    attempts: r.attempts as number,
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
    startedAt: (r.started_at as number | null) ?? null,
    finishedAt: (r.finished_at as number | null) ?? null,
  };
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

export class JobRepo {
  constructor(
    private readonly db: Db,
    private readonly projectId: string,
  ) {}

  enqueue(j: NewJob): RenderJob {
    const id = newId();
    const t = now();
    guard(() =>
      this.db
        .prepare(
          `INSERT INTO jobs (id, project_id, language, format, out_path, settings, settings_hash, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          this.projectId,
          canonicalLanguage(j.language),
          j.format,
          j.outPath,
          JSON.stringify(j.settings ?? {}),
          j.settingsHash ?? '',
          t,
          t,
        ),
    );
    return this.get(id);
  }

  find(id: string): RenderJob | undefined {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  get(id: string): RenderJob {
    const j = this.find(id);
    if (!j) throw notFound('job', id);
    return j;
  }

  /** Jobs in queue order (oldest first), optionally only those in some states. */
  list(...states: JobState[]): RenderJob[] {
    const where = states.length ? `AND state IN (${states.map(() => '?').join(', ')})` : '';
    const rows = this.db
      .prepare(`SELECT * FROM jobs WHERE project_id = ? ${where} ORDER BY created_at, rowid`)
      .all(this.projectId, ...states);
    return (rows as Row[]).map(fromRow);
  }

  /**
   * Atomically moves the oldest queued job to running, unless `concurrency` jobs already
   * run. BEGIN IMMEDIATE takes the write lock before reading, so two connections can never
   * claim the same job or overshoot the limit.
   */
  claimNext(concurrency = 1): RenderJob | undefined {
    return this.db
      .transaction((): RenderJob | undefined => {
        const running = this.db
          .prepare("SELECT count(*) AS n FROM jobs WHERE project_id = ? AND state = 'running'")
          .get(this.projectId) as Row;
        if ((running.n as number) >= concurrency) return undefined;
        const next = this.db
          .prepare("SELECT id FROM jobs WHERE project_id = ? AND state = 'queued' ORDER BY created_at, rowid LIMIT 1")
          .get(this.projectId) as Row | undefined;
        if (!next) return undefined;
        const t = now();
        this.db
          .prepare(
            `UPDATE jobs SET state = 'running', attempts = attempts + 1, started_at = ?, updated_at = ?,
             error = NULL, fps = NULL, eta = NULL WHERE id = ?`,
          )
          .run(t, t, next.id);
        return this.get(next.id as string);
      })
      .immediate();
  }

  /** Records progress of a running job; returns the job (check its state for a cancel). */
  updateProgress(id: string, p: JobProgress): RenderJob {
    this.db
      .prepare("UPDATE jobs SET progress = ?, fps = ?, eta = ?, updated_at = ? WHERE id = ? AND state = 'running'")
      .run(clamp01(p.progress), p.fps ?? null, p.eta ?? null, now(), id);
    return this.get(id);
  }

  finish(id: string, outPath?: string): RenderJob {
    return this.transition(id, ['running'], 'done', 'finish', 'progress = 1, eta = 0, out_path = coalesce(?, out_path), finished_at = ?', [
      outPath ?? null,
      now(),
    ]);
  }

  fail(id: string, error: string): RenderJob {
    return this.transition(id, ['running'], 'failed', 'fail', 'error = ?, finished_at = ?', [error || 'unknown error', now()]);
  }

  cancel(id: string): RenderJob {
    return this.transition(id, ['queued', 'running'], 'cancelled', 'cancel', 'finished_at = ?', [now()]);
  }

  /** Puts a failed or cancelled job back in the queue; its finished chunks stay for resuming. */
  requeue(id: string): RenderJob {
    return this.transition(id, ['failed', 'cancelled'], 'queued', 'requeue', 'error = NULL, finished_at = NULL, started_at = NULL', []);
  }

  /**
   * Jobs left 'running' by a process that died. Only called by the process that just took
   * the project lock, so nothing can really be running them.
   */
  recoverInterrupted(): number {
    return this.db
      .prepare("UPDATE jobs SET state = 'queued', updated_at = ? WHERE project_id = ? AND state = 'running'")
      .run(now(), this.projectId).changes;
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM jobs WHERE id = ?').run(id);
  }

  private transition(id: string, from: JobState[], to: JobState, verb: string, sets: string, values: unknown[]): RenderJob {
    const r = this.db
      .prepare(`UPDATE jobs SET state = ?, updated_at = ?, ${sets} WHERE id = ? AND state IN (${from.map(() => '?').join(', ')})`)
      .run(to, now(), ...values, id, ...from);
    const job = this.get(id);
    if (r.changes || (job.state === 'cancelled' && to !== 'queued')) return job;
    throw new RedubError('INVALID_ARGUMENT', `cannot ${verb} job ${id}: it is ${job.state}`);
  }
}

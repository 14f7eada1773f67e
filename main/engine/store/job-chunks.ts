import type { ChunkState, JobChunk } from './types';
import { type Db, guard, type Row } from './sql';

/**
 * Chunks of a job's output, so an interrupted render resumes instead of restarting.
 * A chunk is reusable only if its content_key (hash of every input it depends on)
 * still matches what the resumed job would compute.
 */
export type ChunkRecord = Omit<JobChunk, 'finishedAt' | 'path' | 'state'> & { path?: string | null; state?: ChunkState };

function fromRow(r: Row): JobChunk {
  return {
    jobId: r.job_id as string,
    chunkIndex: r.chunk_index as number,
    startFrame: r.start_frame as number,
    endFrame: r.end_frame as number,
    path: (r.path as string | null) ?? null,
    contentKey: r.content_key as string,
    state: r.state as ChunkState,
    finishedAt: (r.finished_at as number | null) ?? null,
  };
}

export class JobChunkRepo {
  constructor(private readonly db: Db) {}

  /** Inserts or replaces chunk (jobId, chunkIndex). finished_at is stamped when it becomes done. */
  record(c: ChunkRecord): JobChunk {
    const state = c.state ?? 'done';
    guard(() =>
      this.db
        .prepare(
          `INSERT INTO job_chunks (job_id, chunk_index, start_frame, end_frame, path, content_key, state, finished_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (job_id, chunk_index) DO UPDATE SET start_frame = excluded.start_frame, end_frame = excluded.end_frame,
             path = excluded.path, content_key = excluded.content_key, state = excluded.state, finished_at = excluded.finished_at`,
        )
        .run(c.jobId, c.chunkIndex, c.startFrame, c.endFrame, c.path ?? null, c.contentKey, state, state === 'done' ? Date.now() : null),
    );
    return this.get(c.jobId, c.chunkIndex)!;
  }

  get(jobId: string, chunkIndex: number): JobChunk | undefined {
    const row = this.db.prepare('SELECT * FROM job_chunks WHERE job_id = ? AND chunk_index = ?').get(jobId, chunkIndex) as Row | undefined;
    return row && fromRow(row);
  }

  list(jobId: string): JobChunk[] {
    return (this.db.prepare('SELECT * FROM job_chunks WHERE job_id = ? ORDER BY chunk_index').all(jobId) as Row[]).map(fromRow);
  }

  /** Done chunks whose key still matches: the ones a resumed job may skip. */
  reusable(jobId: string, keyOf: (c: JobChunk) => string): JobChunk[] {
    return this.list(jobId).filter((c) => c.state === 'done' && c.contentKey === keyOf(c));
  }

  clear(jobId: string): void {
    this.db.prepare('DELETE FROM job_chunks WHERE job_id = ?').run(jobId);
  }
}

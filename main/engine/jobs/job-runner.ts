import { isRedubError } from '../errors';
import { exportLanguage } from '../export/export-language';
import type { Progress } from '../pipeline/progress';
import type { ProjectStore, RenderJob } from '../store';
import { exportRequestFor } from './job-request';

export type JobEvent =
  | { type: 'started'; job: RenderJob }
  | { type: 'phase'; job: RenderJob; phase: string; progress?: Progress }
  | { type: 'progress'; job: RenderJob; progress: Progress }
  | { type: 'chunk'; job: RenderJob; index: number; reused: boolean }
  | { type: 'warning'; job: RenderJob; message: string }
  | { type: 'finished'; job: RenderJob };

export interface JobRunnerOptions {
  /** How many jobs render at once (default 1: one export already uses every core). */
  concurrency?: number;
  onEvent?(e: JobEvent): void;
  /** Stops the whole run (Ctrl+C): running jobs are cancelled (resumable), no new one starts. */
  signal?: AbortSignal;
}

/**
 * Works through a project's export queue. All state lives in the project store, so a crash
 * or kill loses nothing: on the next start interrupted jobs are queued again, and their
 * finished chunks are reused.
 */
export class JobRunner {
  private readonly controllers = new Map<string, AbortController>();

  constructor(
    private readonly store: ProjectStore,
    private readonly options: JobRunnerOptions = {},
  ) {}

  /** Runs queued jobs until none is left; resolves with the jobs it ran, in their final state. */
  async runQueue(): Promise<RenderJob[]> {
    const concurrency = Math.max(1, this.options.concurrency ?? 1);
    const results: RenderJob[] = [];
    const { signal } = this.options;
    const stopAll = () => [...this.controllers.keys()].forEach((id) => this.cancel(id));
    signal?.addEventListener('abort', stopAll, { once: true });
    const next = () => (signal?.aborted ? undefined : this.store.jobs.claimNext(concurrency));
    const worker = async () => {
      for (let job = next(); job; job = next()) results.push(await this.run(job));
    };
    try {
      await Promise.all(Array.from({ length: concurrency }, worker));
    } finally {
      signal?.removeEventListener('abort', stopAll);
    }
    return results;
  }

  /** Cancels a queued or running job; a running one stops at the next frame and leaves no output. */
  cancel(jobId: string): RenderJob {
    const job = this.store.jobs.cancel(jobId);
    this.controllers.get(jobId)?.abort();
    return job;
  }

  private emit(e: JobEvent): void {
    this.options.onEvent?.(e);
  }

  private async run(job: RenderJob): Promise<RenderJob> {
    const controller = new AbortController();
    this.controllers.set(job.id, controller);
    this.emit({ type: 'started', job });
    try {
      const req = exportRequestFor(this.store, job);
      await exportLanguage({
        ...req,
        signal: controller.signal,
        onProgress: (p) => this.progress(job, p, controller),
        onChunk: ({ chunk, reused, path }) => {
          this.store.chunks.record({
            jobId: job.id,
            chunkIndex: chunk.index,
            startFrame: chunk.start,
            endFrame: chunk.end,
            contentKey: chunk.key,
            path,
          });
          this.emit({ type: 'chunk', job, index: chunk.index, reused });
        },
        onWarning: (message) => this.emit({ type: 'warning', job, message }),
        // The stored job, so a phase event carries the progress so far (not the claim's 0).
        onPhase: (phase, progress) => this.emit({ type: 'phase', job: this.store.jobs.get(job.id), phase, progress }),
      });
      const done = this.store.jobs.finish(job.id, req.out);
      this.store.renders.record({
        language: job.language,
        format: job.format,
        path: req.out,
        segmentRevisions: this.store.segments.revisions(),
        settingsHash: job.settingsHash,
        jobId: job.id,
      });
      this.emit({ type: 'finished', job: done });
      return done;
    } catch (e) {
      const current = this.store.jobs.get(job.id);
      const final = current.state === 'cancelled' ? current : this.store.jobs.fail(job.id, errorText(e));
      this.emit({ type: 'finished', job: final });
      return final;
    } finally {
      this.controllers.delete(job.id);
    }
  }

  private progress(job: RenderJob, p: Progress, controller: AbortController): void {
    const eta = Number.isFinite(p.eta) ? p.eta : undefined;
    const updated = this.store.jobs.updateProgress(job.id, { progress: p.total ? p.done / p.total : 0, fps: p.fps, eta });
    if (updated.state === 'cancelled') controller.abort();
    this.emit({ type: 'progress', job: updated, progress: p });
  }
}

function errorText(e: unknown): string {
  if (isRedubError(e)) return e.message;
  return e instanceof Error ? e.message : String(e);
}

import { ApiCallError, type RedubEvent } from '../../common/contract';
import { EXPORT_FORMATS, type ExportJob, type OriginalAudio, type SubtitleFormat } from '../../common/domain';
import { enqueueExports } from '../engine/jobs/enqueue';
import { JobRunner, type JobEvent } from '../engine/jobs/job-runner';
import { editorRenderSettings } from '../engine/jobs/editor-render';
import type { ExportSettings } from '../engine/jobs/export-settings';
import type { ProjectStore, RenderJob } from '../engine/store';

export interface ExportRequest {
  languages: string[];
  format: ExportJob['format'];
  outDir: string;
  pattern: string;
  lipsync: string;
  overwrite: boolean;
  originalAudio?: OriginalAudio;
  /** Integrated loudness target, LUFS; null or omitted = not normalised. */
  loudnessLufs?: number | null;
  /** The In–Out part of the timeline, seconds; null or omitted = all of it. */
  range?: { start: number; end: number } | null;
  subtitles?: SubtitleFormat | null;
}

/** Progress events per job at most this often: the UI needs a smooth bar, not every frame. */
const PROGRESS_INTERVAL_MS = 200;

/** Starts at the launch time in µs, so views after a host restart still sort after the old ones. */
let viewSeq = Date.now() * 1000;

/** The seq of a new view of any job (farm rows too: they sort with the local ones). */
export const nextViewSeq = () => ++viewSeq;

export function toExportJob(j: RenderJob, phase: string | null = null, chunks?: ExportJob['chunks']): ExportJob {
  const format = (EXPORT_FORMATS as readonly string[]).includes(j.format) ? (j.format as ExportJob['format']) : 'mp4';
  const lipsync = typeof j.settings.lipsync === 'string' ? j.settings.lipsync : 'none';
  return {
    id: j.id,
    language: j.language,
    format,
    state: j.state,
    progress: j.progress,
    fps: j.fps,
    eta: j.eta,
    error: j.error,
    outPath: j.outPath,
    lipsync,
    createdAt: j.createdAt,
    seq: nextViewSeq(),
    phase: j.state === 'running' ? phase : null,
    chunks: chunks ?? null,
  };
}

/**
 * The panel's request as export settings, on this computer or the farm: the editor's render
 * settings, so the chunks its preview render made are reused. Audio settings do not enter the
 * chunk keys (chunks are video only): the same chunks serve every mix.
 */
export function exportSettingsOf(req: ExportRequest): ExportSettings {
  return editorRenderSettings({
    format: req.format,
    lipsync: req.lipsync,
    originalAudio: req.originalAudio,
    range: req.range ?? null,
    subtitles: req.subtitles ?? null,
    ...(req.loudnessLufs == null ? {} : { loudnorm: true, loudnessLufs: req.loudnessLufs }),
  });
}

/**
 * The editor's export queue: one JobRunner per project, working through the jobs stored in the
 * project file, with its events pushed to the renderer. It runs in the process that hosts the
 * editor API (the bridge server in browser mode): rendering is ffmpeg child processes plus the
 * frame stages, and the API stays responsive between frames.
 */
export class ExportQueue {
  private readonly runners = new Map<string, { runner: JobRunner; running: Promise<void> | null }>();
  private readonly lastProgress = new Map<string, number>();
  /** The phase each running job last reported: a job never reads "Queued" while it works. */
  private readonly phases = new Map<string, string>();

  /** Chunks finished (rendered or reused) per job in this run: "3 of 3 chunks reused". */
  private readonly chunks = new Map<string, { done: number; reused: number }>();

  constructor(
    private readonly emit: (e: RedubEvent) => void,
    /** A chunk of a language became a file (the render bar follows the chunks). */
    private readonly onChunk: (store: ProjectStore, language: string) => void = () => undefined,
  ) {}

  async enqueue(store: ProjectStore, req: ExportRequest): Promise<ExportJob[]> {
    const jobs = await enqueueExports(store, {
      languages: req.languages,
      outDir: req.outDir,
      pattern: req.pattern,
      overwrite: req.overwrite,
      settings: exportSettingsOf(req),
    });
    // The views are made before the runner starts: a job that fails at once sends a newer one.
    const views = jobs.map((j) => toExportJob(j));
    for (const job of views) this.emit({ type: 'exportJob', projectId: store.projectId, job });
    this.start(store);
    return views;
  }

  cancel(store: ProjectStore, jobId: string): ExportJob {
    const entry = this.runners.get(store.projectId);
    const job = entry ? entry.runner.cancel(jobId) : store.jobs.cancel(jobId);
    const view = toExportJob(job);
    this.emit({ type: 'exportJob', projectId: store.projectId, job: view });
    return view;
  }

  retry(store: ProjectStore, jobId: string): ExportJob {
    const view = toExportJob(store.jobs.requeue(jobId));
    this.emit({ type: 'exportJob', projectId: store.projectId, job: view });
    this.start(store);
    return view;
  }

  /** Removes jobs that are not running; answers (and pushes) the remaining queue. */
  remove(store: ProjectStore, jobIds: string[]): ExportJob[] {
    for (const id of jobIds) {
      if (store.jobs.get(id).state === 'running') throw new ApiCallError('JOB_RUNNING', 'this export is rendering: cancel it first');
      store.jobs.remove(id);
    }
    const jobs = store.jobs.list().map((j) => toExportJob(j));
    this.emit({ type: 'exportJobs', projectId: store.projectId, jobs });
    return jobs;
  }

  /** Whether the project's runner is working through its queue (its file must stay open). */
  busy(projectId: string): boolean {
    return !!this.runners.get(projectId)?.running;
  }

  /** Resolves when the project's queue is empty (tests, shutdown). */
  async idle(projectId: string): Promise<void> {
    await this.runners.get(projectId)?.running;
  }

  /** Starts the project's runner unless it is already working; it drains the queue, then stops. */
  private start(store: ProjectStore): void {
    let entry = this.runners.get(store.projectId);
    if (!entry) {
      const runner = new JobRunner(store, { onEvent: (e) => this.forward(store, e) });
      entry = { runner, running: null };
      this.runners.set(store.projectId, entry);
    }
    if (entry.running) return;
    const e = entry;
    e.running = (async () => {
      // Jobs queued while the last one rendered are picked up by runQueue's own loop; the
      // re-check covers one queued just as it returned.
      while (store.jobs.list('queued').length > 0) await e.runner.runQueue();
    })()
      .catch(() => undefined)
      .finally(() => (e.running = null));
  }

  private forward(store: ProjectStore, e: JobEvent): void {
    const projectId = store.projectId;
    if (e.type === 'chunk') {
      const c = this.chunks.get(e.job.id) ?? { done: 0, reused: 0 };
      this.chunks.set(e.job.id, { done: c.done + 1, reused: c.reused + (e.reused ? 1 : 0) });
      this.onChunk(store, e.job.language);
      return;
    }
    if (e.type === 'warning') return;
    if (e.type === 'started') this.chunks.delete(e.job.id);
    // Until the first stage names its phase, the job checks its inputs and plans its chunks.
    if (e.type === 'started') this.phases.set(e.job.id, 'preparing');
    if (e.type === 'phase') this.phases.set(e.job.id, e.phase);
    else if (e.type === 'progress') {
      const now = Date.now();
      if (now - (this.lastProgress.get(e.job.id) ?? 0) < PROGRESS_INTERVAL_MS) return;
      this.lastProgress.set(e.job.id, now);
    } else this.lastProgress.delete(e.job.id);
    const phase = this.phases.get(e.job.id) ?? null;
    if (e.job.state !== 'running') this.phases.delete(e.job.id);
    this.emit({ type: 'exportJob', projectId, job: toExportJob(e.job, phase, this.chunks.get(e.job.id)) });
  }
}

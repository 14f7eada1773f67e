import type { RedubEvent } from '../../common/contract';
import type { RenderState } from '../../common/render-state';
import { isRedubError } from '../engine/errors';
import { chunkStates, listChunkFiles, type ChunkFile } from '../engine/export/chunk-files';
import type { ChunkSpec } from '../engine/export/chunk-plan';
import { clipLengths, exportLanguage, exportPlan } from '../engine/export/export-language';
import type { FrameRange } from '../engine/export/output-frames';
import { previewRequestFor, previewWorkDir } from '../engine/jobs/editor-render';
import { validateVideoInput } from '../engine/media/validate';
import type { ProjectStore } from '../engine/store';
import type { FrameCache } from './frame-cache';

/** The background render reaches this far past the playhead (and a little before it). */
const AHEAD_SECONDS = 8;
const BEHIND_SECONDS = 1;
/** Progress of the chunk in progress is pushed at most this often. */
const PROGRESS_INTERVAL_MS = 250;

interface Entry {
  store: ProjectStore;
  language: string;
  mode: 'around' | 'range' | null;
  /** Output frames the current request wants rendered, and the frame to start from. */
  target: FrameRange;
  focus: number;
  current: { chunk: ChunkSpec; controller: AbortController; progress: number } | null;
  loop: Promise<void> | null;
  error: string | null;
}

interface Snapshot {
  req: ReturnType<typeof previewRequestFor>;
  plan: ChunkSpec[];
  files: ChunkFile[];
  fps: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const overlaps = (c: { start: number; end: number }, r: FrameRange) => c.start < r.end && c.end > r.start;

/**
 * Lip-synced preview the NLE way: renders the B monitor's language in the background into the
 * same content-addressed chunks an export makes (engine/export, `only` a range), near the
 * playhead or over In–Out. One render per project, one chunk at a time; a jump or an edit
 * that makes the chunk in progress unwanted or stale drops it and carries on with the new
 * target. It yields to the project's exports, which would render the same chunks.
 */
export class PreviewRenderer {
  private readonly entries = new Map<string, Entry>();
  private readonly videos = new Map<string, ReturnType<typeof validateVideoInput>>();
  private lastProgress = 0;

  constructor(
    private readonly emit: (e: RedubEvent) => void,
    private readonly frames: FrameCache,
    private readonly exportsBusy: (projectId: string) => boolean,
  ) {}

  async state(store: ProjectStore, language: string): Promise<RenderState> {
    return this.describe(store, language, await this.snapshot(store, language));
  }

  /** Background render from the playhead on; an explicit In–Out render is not interrupted. */
  async around(store: ProjectStore, language: string, time: number): Promise<RenderState> {
    const e = this.entry(store, language);
    if (e.mode === 'range' && e.loop) return this.state(store, language);
    const { fps } = await this.snapshot(store, language);
    const focus = Math.floor(time * fps);
    this.retarget(e, 'around', { start: focus - Math.round(BEHIND_SECONDS * fps), end: focus + Math.round(AHEAD_SECONDS * fps) }, focus);
    return this.state(store, language);
  }

  /** "Render In to Out". */
  async range(store: ProjectStore, language: string, start: number, end: number): Promise<RenderState> {
    const e = this.entry(store, language);
    const { fps } = await this.snapshot(store, language);
    const focus = Math.floor(start * fps);
    this.retarget(e, 'range', { start: focus, end: Math.ceil(end * fps) }, focus);
    return this.state(store, language);
  }

  stop(projectId: string): boolean {
    const e = this.entries.get(projectId);
    if (!e?.mode) return false;
    e.mode = null;
    e.current?.controller.abort();
    return true;
  }

  /** After an edit: the bar changes at once, and a chunk in progress that went stale is dropped. */
  changed(store: ProjectStore): void {
    const e = this.entries.get(store.projectId);
    if (!e) return;
    void this.snapshot(store, e.language)
      .then((s) => {
        if (e.current && !s.plan.some((c) => c.key === e.current!.chunk.key)) e.current.controller.abort();
        this.emit({ type: 'renderState', state: this.describe(store, e.language, s) });
      })
      .catch(() => undefined);
  }

  /** An export finished a chunk of this language: the bar shows it. */
  chunkDone(store: ProjectStore, language: string): void {
    this.publish(store, language);
  }

  async release(projectId: string): Promise<void> {
    const e = this.entries.get(projectId);
    if (!e) return;
    this.stop(projectId);
    await e.loop;
    this.entries.delete(projectId);
  }

  private entry(store: ProjectStore, language: string): Entry {
    let e = this.entries.get(store.projectId);
    if (e && e.language !== language) {
      // One language at a time: the one on the B monitor.
      e.mode = null;
      e.current?.controller.abort();
      e = undefined;
    }
    if (!e) {
      e = { store, language, mode: null, target: { start: 0, end: 0 }, focus: 0, current: null, loop: null, error: null };
      this.entries.set(store.projectId, e);
    }
    return e;
  }

  private retarget(e: Entry, mode: 'around' | 'range', target: FrameRange, focus: number): void {
    e.mode = mode;
    e.target = target;
    e.focus = focus;
    e.error = null;
    if (e.current && !overlaps(e.current.chunk, target)) e.current.controller.abort();
    e.loop ??= this.run(e).finally(() => {
      e.loop = null;
      this.publish(e.store, e.language);
    });
  }

  private async run(e: Entry): Promise<void> {
    while (e.mode && this.entries.get(e.store.projectId) === e) {
      if (this.exportsBusy(e.store.projectId)) {
        await sleep(500);
        continue;
      }
      const snap = await this.snapshot(e.store, e.language);
      const next = nextChunk(snap, e.target, e.focus);
      if (!next) {
        e.mode = null;
        break;
      }
      await this.renderOne(e, snap, next);
    }
  }

  private async renderOne(e: Entry, snap: Snapshot, chunk: ChunkSpec): Promise<void> {
    const controller = new AbortController();
    e.current = { chunk, controller, progress: 0 };
    this.publish(e.store, e.language);
    // An export of this project starting now would render the same chunks: it goes first.
    const watch = setInterval(() => this.exportsBusy(e.store.projectId) && controller.abort(), 300);
    try {
      await exportLanguage({
        ...snap.req,
        only: chunk,
        signal: controller.signal,
        onProgress: (p) => {
          if (!e.current || !p.total) return;
          e.current.progress = p.done / p.total;
          if (Date.now() - this.lastProgress < PROGRESS_INTERVAL_MS) return;
          this.lastProgress = Date.now();
          this.publish(e.store, e.language);
        },
      });
    } catch (err) {
      if (!controller.signal.aborted) {
        e.error = isRedubError(err) || err instanceof Error ? err.message : String(err);
        e.mode = null;
      }
    } finally {
      clearInterval(watch);
      e.current = null;
    }
    this.publish(e.store, e.language);
  }

  private publish(store: ProjectStore, language: string): void {
    this.state(store, language).then(
      (state) => this.emit({ type: 'renderState', state }),
      () => undefined,
    );
  }

  /** The plan as the export would make it now, and the chunk files on disk. */
  private async snapshot(store: ProjectStore, language: string): Promise<Snapshot> {
    const req = previewRequestFor(store, language);
    let probe = this.videos.get(req.video);
    if (!probe) {
      probe = validateVideoInput(req.video);
      this.videos.set(req.video, probe);
      probe.catch(() => this.videos.delete(req.video));
    }
    const { video } = await probe;
    const { plan } = exportPlan(req, video, await clipLengths(req.clips));
    return { req, plan, files: await listChunkFiles(previewWorkDir(store, language)), fps: video.fps };
  }

  private describe(store: ProjectStore, language: string, snap: Snapshot): RenderState {
    const e = this.entries.get(store.projectId);
    const mine = e?.language === language ? e : undefined;
    const cur = mine?.current;
    return {
      projectId: store.projectId,
      language,
      fps: snap.fps,
      chunks: chunkStates(snap.plan, snap.files).map(({ chunk, state, file }) => ({
        start: chunk.start / snap.fps,
        end: chunk.end / snap.fps,
        startFrame: chunk.start,
        endFrame: chunk.end,
        state,
        url: file ? this.frames.putFile(file.path) : null,
      })),
      rendering: cur ? { start: cur.chunk.start / snap.fps, end: cur.chunk.end / snap.fps, progress: cur.progress } : null,
      mode: mine?.mode ?? null,
      error: mine?.error ?? null,
    };
  }
}

/** The next chunk to render: unrendered, in the target, from the focus onwards, then the ones before it. */
function nextChunk(snap: Snapshot, target: FrameRange, focus: number): ChunkSpec | undefined {
  const todo = chunkStates(snap.plan, snap.files)
    .filter((s) => s.state !== 'rendered' && overlaps(s.chunk, target))
    .map((s) => s.chunk);
  return todo.find((c) => c.end > focus) ?? todo.reverse()[0];
}

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { EditorApi, RedubEvent } from '../../common/contract';
import type { ExportJob, PreviewFrame } from '../../common/domain';
import { loadManifest } from '../engine/models/manifest';
import { engineSettings } from '../engine/settings';
import type { EditorEngine } from './engine-port';
import { invalid, notFound } from './errors';
import { FrameCache } from './frame-cache';
import { History } from './history';
import type { EditorStore, Segment } from './store-port';
import { buildProjectView, sourceOf } from './view';

export interface EditorApiOptions {
  mode: 'electron' | 'browser';
  version?: string;
  frames?: FrameCache;
  /** Pushes an event to the renderer(s). */
  emit?(event: RedubEvent): void;
  /** Native file picker (Electron only). */
  pickFile?(kind: 'video' | 'audio'): Promise<string | null>;
}

/** Preview frames are for a monitor, not for export: cap their width to keep scrubbing fast. */
const PREVIEW_MAX_WIDTH = 960;
/** No segment shorter than one frame at 25 fps. */
const MIN_SEGMENT = 0.04;

type SegmentFields = Pick<Segment, 'start' | 'end' | 'emotionTemplate' | 'intensity' | 'lipsyncEnabled'>;

function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * The functions behind every contract call. Arguments arrive already validated by the
 * transport (IPC handler or bridge server); this layer checks what a schema cannot
 * (existence, ranges relative to the project) and keeps the edit history.
 */
export function createEditorApi(store: EditorStore, engine: EditorEngine, options: EditorApiOptions): EditorApi {
  const frames = options.frames ?? new FrameCache();
  const emit = options.emit ?? (() => undefined);
  const histories = new Map<string, History>();
  const peaksCache = new Map<string, { peaks: number[]; peaksPerSecond: number; duration: number }>();
  const exportJobs = new Map<string, ExportJob[]>();

  const historyOf = (projectId: string): History => {
    let h = histories.get(projectId);
    if (!h) histories.set(projectId, (h = new History()));
    return h;
  };
  const requireProject = (id: string) => store.getProject(id) ?? fail(notFound('project', id));
  const view = (projectId: string) => buildProjectView(store, projectId, historyOf(projectId));
  const touch = (projectId: string) => store.putProject({ ...requireProject(projectId), updatedAt: Date.now() });
  const requireSegment = (id: string) => store.getSegment(id) ?? fail(notFound('segment', id));

  /** Rewrites a segment's fields; the revision only ever grows, undo included, so renders never go falsely fresh. */
  const rewrite = (id: string, fields: Partial<SegmentFields>): void => {
    const cur = requireSegment(id);
    store.putSegment({ ...cur, ...fields, revision: cur.revision + 1, updatedAt: Date.now() });
  };
  // Highest revision of segments an undo removed: a redo re-inserts them above it.
  const removedRevision = new Map<string, number>();
  const removeSegment = (id: string): void => {
    removedRevision.set(id, requireSegment(id).revision);
    store.removeSegment(id);
  };
  const reinsert = (seg: Segment): void => {
    const seen = removedRevision.get(seg.id);
    store.putSegment(seen === undefined ? seg : { ...seg, revision: seen + 1, updatedAt: Date.now() });
  };

  /** Applies an edit, records it, and returns the new view. */
  const edit = (projectId: string, label: string, redo: () => void, undo: () => void) => {
    redo();
    touch(projectId);
    historyOf(projectId).push({ label, redo, undo });
    emit({ type: 'projectChanged', projectId });
    return view(projectId);
  };

  function fail(e: Error): never {
    throw e;
  }

  return {
    async getAppInfo() {
      return { mode: options.mode, version: options.version ?? '0.1.0' };
    },

    async pickFile({ kind }) {
      return { path: options.pickFile ? await options.pickFile(kind) : null };
    },

    async listRecentProjects() {
      return store.listProjects().map((p) => ({
        id: p.id,
        name: p.name,
        videoPath: sourceOf(store, p.id)?.path ?? '',
        updatedAt: p.updatedAt,
        languages: store.listDubTracks(p.id).map((t) => t.language),
      }));
    },

    async openVideo({ path }) {
      const abs = resolve(path);
      // Reopening the same file brings back its project instead of starting over.
      const existing = store.listProjects().find((p) => sourceOf(store, p.id)?.path === abs);
      if (existing) {
        touch(existing.id);
        return view(existing.id);
      }
      const facts = await engine.probeVideo(abs);
      const now = Date.now();
      const projectId = randomUUID();
      store.putProject({ id: projectId, name: basename(abs, extname(abs)), createdAt: now, updatedAt: now, settings: {} });
      store.putMedia({
        id: randomUUID(),
        projectId,
        role: 'source',
        path: abs,
        contentHash: null,
        duration: facts.duration,
        fps: facts.fps,
        width: facts.width,
        height: facts.height,
        probe: facts.probe,
        createdAt: now,
      });
      // A new project starts as one segment spanning the video; the user splits it.
      store.putSegment({
        id: randomUUID(),
        projectId,
        start: 0,
        end: facts.duration,
        emotionTemplate: 'neutral',
        intensity: 1,
        lipsyncEnabled: true,
        revision: 1,
        createdAt: now,
        updatedAt: now,
      });
      return view(projectId);
    },

    async getProject({ projectId }) {
      requireProject(projectId);
      return view(projectId);
    },

    async addDubTrack({ projectId, language, audioPath }) {
      requireProject(projectId);
      const abs = resolve(audioPath);
      const facts = await engine.probeAudio(abs);
      const tag = Intl.getCanonicalLocales(language)[0] ?? language;
      const now = Date.now();
      const media = {
        id: randomUUID(),
        projectId,
        role: 'dub' as const,
        path: abs,
        contentHash: null,
        duration: facts.duration,
        fps: null,
        width: null,
        height: null,
        probe: facts.probe,
        createdAt: now,
      };
      const track = { id: randomUUID(), projectId, language: tag, name: languageName(tag), gainDb: 0, muted: false, createdAt: now };
      const clip = { id: randomUUID(), trackId: track.id, mediaId: media.id, start: 0, trimStart: 0, trimEnd: 0, gainDb: 0, mismatch: 'cut' as const, createdAt: now };
      return edit(
        projectId,
        `Add ${track.name} dub`,
        () => {
          store.putMedia(media);
          store.putDubTrack(track);
          store.putClip(clip);
        },
        () => {
          store.removeDubTrack(track.id);
          store.removeMedia(media.id);
        },
      );
    },

    async splitSegment({ segmentId, time }) {
      const seg = requireSegment(segmentId);
      if (time < seg.start + MIN_SEGMENT || time > seg.end - MIN_SEGMENT) {
        throw invalid(`splitSegment: time ${time.toFixed(3)} s is not inside the segment (${seg.start.toFixed(2)}–${seg.end.toFixed(2)} s)`, 'time');
      }
      const now = Date.now();
      const right: Segment = { ...seg, id: randomUUID(), start: time, revision: 1, createdAt: now, updatedAt: now };
      const oldEnd = seg.end;
      return edit(
        seg.projectId,
        `Split at ${time.toFixed(2)} s`,
        () => {
          rewrite(seg.id, { end: time });
          reinsert(right);
        },
        () => {
          removeSegment(right.id);
          rewrite(seg.id, { end: oldEnd });
        },
      );
    },

    async updateSegment({ segmentId, patch }) {
      const seg = requireSegment(segmentId);
      const before: Partial<SegmentFields> = {};
      for (const k of Object.keys(patch) as (keyof typeof patch)[]) (before as Record<string, unknown>)[k] = seg[k];
      const after = { ...patch };
      const what = Object.keys(patch)
        .map((k) => ({ emotionTemplate: 'emotion', intensity: 'intensity', lipsyncEnabled: 'lip-sync' })[k] ?? k)
        .join(', ');
      return edit(
        seg.projectId,
        `Change ${what}`,
        () => rewrite(seg.id, after),
        () => rewrite(seg.id, before),
      );
    },

    async undo({ projectId }) {
      requireProject(projectId);
      if (historyOf(projectId).undo()) touch(projectId);
      return view(projectId);
    },

    async redo({ projectId }) {
      requireProject(projectId);
      if (historyOf(projectId).redo()) touch(projectId);
      return view(projectId);
    },

    async renderPreviewFrame({ projectId, time, language }): Promise<PreviewFrame> {
      requireProject(projectId);
      const src = sourceOf(store, projectId) ?? fail(notFound('source video of project', projectId));
      const fps = src.fps ?? 25;
      const duration = src.duration ?? 0;
      // Snap to the frame on screen at `time`, and never past the last frame.
      const lastIndex = Math.max(0, Math.ceil(duration * fps) - 1);
      const frameIndex = Math.min(lastIndex, Math.floor(time * fps + 1e-6));
      const frameTime = frameIndex / fps;
      const bytes = await engine.extractFrame(src.path, frameTime, PREVIEW_MAX_WIDTH);
      const scale = Math.min(1, PREVIEW_MAX_WIDTH / (src.width || PREVIEW_MAX_WIDTH));
      const requestId = randomUUID();
      const frame: PreviewFrame = {
        requestId,
        time: frameTime,
        frameIndex,
        language,
        original: { url: frames.put(bytes), width: Math.round((src.width ?? 0) * scale), height: Math.round((src.height ?? 0) * scale) },
        lipsync: { status: 'unavailable', reason: 'showing the original (A)' },
      };
      if (language === null) return frame;
      const track = store.listDubTracks(projectId).find((t) => t.language === language);
      const clip = track && store.listClips(track.id)[0];
      const audio = clip && store.getMedia(clip.mediaId);
      if (!audio) return { ...frame, lipsync: { status: 'unavailable', reason: `no ${language} dub track` } };
      const seg = store.listSegments(projectId).find((s) => frameTime >= s.start && frameTime < s.end);
      if (seg && !seg.lipsyncEnabled) return { ...frame, lipsync: { status: 'unavailable', reason: 'lip-sync is off for this segment' } };
      // The lip-synced frame follows as an event with the same requestId.
      engine
        .renderLipsyncFrame({ videoPath: src.path, audioPath: audio.path, time: frameTime, maxWidth: PREVIEW_MAX_WIDTH })
        .then((b) => emit({ type: 'previewFrame', requestId, lipsync: { status: 'ready', url: frames.put(b) } }))
        .catch((e: unknown) =>
          emit({ type: 'previewFrame', requestId, lipsync: { status: 'unavailable', reason: e instanceof Error ? e.message : String(e) } }),
        );
      return { ...frame, lipsync: { status: 'pending' } };
    },

    async getWaveform({ projectId, track, peaksPerSecond }) {
      requireProject(projectId);
      let media = track === 'source' ? sourceOf(store, projectId) : undefined;
      if (track !== 'source') {
        const t = store.listDubTracks(projectId).find((x) => x.id === track) ?? fail(notFound('dub track', track));
        const clip = store.listClips(t.id)[0];
        media = clip && store.getMedia(clip.mediaId);
      }
      if (!media) throw notFound('audio of track', track);
      const key = `${media.id}@${peaksPerSecond}`;
      let w = peaksCache.get(key);
      if (!w) {
        const r = await engine.waveformPeaks(media.path, peaksPerSecond);
        w = { ...r, peaksPerSecond };
        peaksCache.set(key, w);
      }
      return w;
    },

    async listModels() {
      const dir = engineSettings().modelsDir;
      try {
        return loadManifest().models.map((m) => ({
          name: m.name,
          role: m.role,
          installed: existsSync(join(dir, m.file)),
          licence: m.licence.name,
          note: m.notes,
        }));
      } catch {
        return [];
      }
    },

    async listExportJobs({ projectId }) {
      requireProject(projectId);
      return exportJobs.get(projectId) ?? [];
    },

    async queueExport({ projectId, language, format }) {
      requireProject(projectId);
      // Stub: the export runner (jobs table + worker) arrives in a later slice; jobs stay queued.
      const job: ExportJob = { id: randomUUID(), language, format, state: 'queued', progress: 0, createdAt: Date.now() };
      exportJobs.set(projectId, [...(exportJobs.get(projectId) ?? []), job]);
      return job;
    },
  };
}

import { randomUUID } from 'node:crypto';
import { basename, extname, resolve } from 'node:path';
import { ApiCallError, type EditorApi, type RedubEvent } from '../../common/contract';
import type { EmotionTemplate, PreviewFrame } from '../../common/domain';
import { importSubtitles } from '../engine/project/subtitles';
import type { ProjectStore } from '../engine/store';
import type { EditorEngine } from './engine-port';
import { invalid, notFound } from './errors';
import { ExportQueue, toExportJob } from './export-queue';
import { ModelService } from './model-service';
import { FrameCache } from './frame-cache';
import { buildProjectView, sourceOf } from './view';
import type { ProjectWorkspace } from './workspace';

export interface EditorApiOptions {
  mode: 'electron' | 'browser';
  version?: string;
  frames?: FrameCache;
  /** Pushes an event to the renderer(s). */
  emit?(event: RedubEvent): void;
  /** Native file picker (Electron only). */
  pickFile?(kind: 'video' | 'audio' | 'subtitles'): Promise<string | null>;
}

/** Preview frames are for a monitor, not for export: cap their width to keep scrubbing fast. */
const PREVIEW_MAX_WIDTH = 960;
/** No segment shorter than one frame at 25 fps. */
const MIN_SEGMENT = 0.04;

const CLIP_FIELD_LABEL: Record<string, string> = {
  start: 'offset',
  trimStart: 'head trim',
  trimEnd: 'tail trim',
  gainDb: 'gain',
  mismatch: 'fit',
};
const FIELD_LABEL: Record<string, string> = { emotionTemplate: 'emotion', intensity: 'intensity', lipsyncEnabled: 'lip-sync' };

function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

function fail(e: Error): never {
  throw e;
}

/**
 * The functions behind every contract call. Arguments arrive already validated by the
 * transport (IPC handler or bridge server); this layer checks what a schema cannot
 * (existence, ranges relative to the project). Edits run as named undo steps of the project
 * store, so undo/redo covers every edit and survives closing the project.
 */
export function createEditorApi(workspace: ProjectWorkspace, engine: EditorEngine, options: EditorApiOptions): EditorApi {
  const frames = options.frames ?? new FrameCache();
  const emit = options.emit ?? (() => undefined);
  const exports = new ExportQueue(emit);
  const models = new ModelService(emit);
  const peaksCache = new Map<string, { peaks: number[]; peaksPerSecond: number; duration: number }>();

  const view = (store: ProjectStore) => buildProjectView(store);
  // With a native picker (Electron), the renderer may only name files the user picked in it:
  // a compromised page cannot make the app read (and then serve) anything else.
  const picked = new Set<string>();
  const requireChosen = (path: string, field: string) => {
    if (options.pickFile && !picked.has(path)) {
      throw new ApiCallError('FORBIDDEN', `${path}: not a file chosen in the file dialog`, field);
    }
  };
  /** Where a language's dub audio is and where it starts on the timeline. */
  const dubOf = (store: ProjectStore, language: string) => {
    const track = store.tracks.list().find((t) => t.language === language);
    const clip = track && store.clips.list(track.id)[0];
    const audio = clip && store.media.find(clip.mediaId);
    // Offset = where the file's t=0 lands on the timeline: the head trim is skipped, not shifted.
    return audio ? { path: audio.path, offset: clip.start - clip.trimStart } : null;
  };
  /**
   * Lip-sync needs a face track, a plan and a mouth bank (seconds): start them before the first
   * scrub in B. Only once there is a dub: without one nothing asks for an edited frame, and an
   * hour-long video's analysis would only compete with the editor for the CPU.
   */
  const warm = (store: ProjectStore) => {
    const src = sourceOf(store);
    const first = store.tracks.list()[0];
    const dub = first ? dubOf(store, first.language) : null;
    if (src && dub) void engine.warmPreview({ projectId: store.projectId, videoPath: src.path, dub }).catch(() => undefined);
  };
  const storeOfSegment = (id: string) => workspace.storeOfSegment(id) ?? fail(notFound('segment', id));
  const storeOfClip = (id: string) => workspace.storeOfClip(id) ?? fail(notFound('dub clip', id));
  const trackName = (store: ProjectStore, trackId: string) => store.tracks.get(trackId).name;

  /** Runs an edit as one undo step, then tells the renderer(s) and the recent list. */
  const edit = (store: ProjectStore, label: string, fn: () => void) => {
    store.edit(label, fn);
    workspace.remember(store);
    emit({ type: 'projectChanged', projectId: store.projectId });
    return view(store);
  };

  return {
    async getAppInfo() {
      return { mode: options.mode, version: options.version ?? '0.1.0' };
    },

    async pickFile({ kind }) {
      const path = options.pickFile ? await options.pickFile(kind) : null;
      if (path) picked.add(resolve(path));
      return { path };
    },

    async listRecentProjects() {
      return workspace
        .recent()
        .map((e) => ({ id: e.id, name: e.name, videoPath: e.videoPath, updatedAt: e.updatedAt, languages: e.languages }));
    },

    async openVideo({ path }) {
      const abs = resolve(path);
      // Reopening the same file brings back its project instead of starting over.
      const existing = workspace.findByVideo(abs);
      if (existing) {
        const store = await workspace.get(existing.id);
        store.project.touch();
        workspace.remember(store);
        warm(store);
        return view(store);
      }
      requireChosen(abs, 'path');
      const facts = await engine.probeVideo(abs);
      const store = await workspace.create(basename(abs, extname(abs)));
      store.transaction(() => {
        store.media.addSource({
          path: abs,
          duration: facts.duration,
          fps: facts.fps,
          width: facts.width,
          height: facts.height,
          probe: facts.probe,
        });
        // A new project starts as one segment spanning the video; the user splits it.
        store.segments.add({ start: 0, end: facts.duration });
      });
      // Creating the project is not an edit the user can undo.
      store.history.clear();
      workspace.remember(store);
      return view(store);
    },

    async getProject({ projectId }) {
      const store = await workspace.get(projectId);
      warm(store);
      return view(store);
    },

    async addDubTrack({ projectId, language, audioPath }) {
      const store = await workspace.get(projectId);
      const abs = resolve(audioPath);
      requireChosen(abs, 'audioPath');
      const facts = await engine.probeAudio(abs);
      const tag = Intl.getCanonicalLocales(language)[0] ?? language;
      const name = languageName(tag);
      const result = edit(store, `Add ${name} dub`, () => {
        const media = store.media.add({ role: 'dub', path: abs, duration: facts.duration, probe: facts.probe });
        const track = store.tracks.add({ language: tag, name });
        store.clips.add({ trackId: track.id, mediaId: media.id, start: 0 });
      });
      warm(store);
      return result;
    },

    async addDubClip({ trackId, audioPath, start }) {
      const store = workspace.storeOfTrack(trackId) ?? fail(notFound('dub track', trackId));
      const abs = resolve(audioPath);
      requireChosen(abs, 'audioPath');
      const facts = await engine.probeAudio(abs);
      const result = edit(store, `Add ${trackName(store, trackId)} clip`, () => {
        const media = store.media.add({ role: 'dub', path: abs, duration: facts.duration, probe: facts.probe });
        store.clips.add({ trackId, mediaId: media.id, start });
      });
      warm(store);
      return result;
    },

    async updateDubClip({ clipId, patch }) {
      const store = storeOfClip(clipId);
      const clip = store.clips.get(clipId);
      const length = store.media.find(clip.mediaId)?.duration ?? Infinity;
      const trimStart = patch.trimStart ?? clip.trimStart;
      const trimEnd = patch.trimEnd ?? clip.trimEnd;
      // A schema cannot know the file's length: some audio must be left between the trims.
      if (trimStart + trimEnd > length - MIN_SEGMENT) {
        throw invalid(
          `updateDubClip: trimming ${trimStart.toFixed(2)} s + ${trimEnd.toFixed(2)} s leaves nothing of a ${length.toFixed(2)} s clip`,
          patch.trimEnd !== undefined ? 'patch.trimEnd' : 'patch.trimStart',
        );
      }
      const what = Object.keys(patch)
        .map((k) => CLIP_FIELD_LABEL[k] ?? k)
        .join(', ');
      const result = edit(store, `Change ${trackName(store, clip.trackId)} clip ${what}`, () => void store.clips.update(clipId, patch));
      // A moved or head-trimmed dub needs a new lip-sync plan: start it before the next scrub.
      if (patch.start !== undefined || patch.trimStart !== undefined) warm(store);
      return result;
    },

    async removeDubClip({ clipId }) {
      const store = storeOfClip(clipId);
      const clip = store.clips.get(clipId);
      const name = trackName(store, clip.trackId);
      const last = store.clips.list(clip.trackId).length === 1;
      return edit(store, last ? `Delete ${name} dub` : `Delete ${name} clip`, () => {
        store.clips.remove(clipId);
        if (last) store.tracks.remove(clip.trackId);
      });
    },

    async importSubtitles({ projectId, path }) {
      const store = await workspace.get(projectId);
      const abs = resolve(path);
      requireChosen(abs, 'path');
      await importSubtitles(store, abs);
      workspace.remember(store);
      emit({ type: 'projectChanged', projectId: store.projectId });
      return view(store);
    },

    async splitSegment({ segmentId, time }) {
      const store = storeOfSegment(segmentId);
      const seg = store.segments.get(segmentId);
      if (time < seg.start + MIN_SEGMENT || time > seg.end - MIN_SEGMENT) {
        throw invalid(
          `splitSegment: time ${time.toFixed(3)} s is not inside the segment (${seg.start.toFixed(2)}–${seg.end.toFixed(2)} s)`,
          'time',
        );
      }
      return edit(store, `Split at ${time.toFixed(2)} s`, () => void store.segments.split(segmentId, time));
    },

    async updateSegment({ segmentId, patch }) {
      const store = storeOfSegment(segmentId);
      const what = Object.keys(patch)
        .map((k) => FIELD_LABEL[k] ?? k)
        .join(', ');
      return edit(store, `Change ${what}`, () => void store.segments.update(segmentId, patch));
    },

    async undo({ projectId }) {
      const store = await workspace.get(projectId);
      if (store.history.undo() !== undefined) workspace.remember(store);
      return view(store);
    },

    async redo({ projectId }) {
      const store = await workspace.get(projectId);
      if (store.history.redo() !== undefined) workspace.remember(store);
      return view(store);
    },

    async renderPreviewFrame({ projectId, time, language }): Promise<PreviewFrame> {
      const store = await workspace.get(projectId);
      const src = sourceOf(store) ?? fail(notFound('source video of project', projectId));
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
      const dub = dubOf(store, language);
      if (!dub) return { ...frame, lipsync: { status: 'unavailable', reason: `no ${language} dub track` } };
      // The edited frame (lip-sync, then emotion) follows as an event with the same requestId.
      const segments = store.segments.list().map(({ start, end, emotionTemplate, intensity, lipsyncEnabled }) => ({
        start,
        end,
        emotionTemplate: emotionTemplate as EmotionTemplate,
        intensity,
        lipsyncEnabled,
      }));
      engine
        .renderLipsyncFrame({ projectId, videoPath: src.path, time: frameTime, dub, segments })
        .then(({ png, width, height, lipsynced, expression, mouthBox, ms }) =>
          emit({
            type: 'previewFrame',
            requestId,
            lipsync: { status: 'ready', url: frames.put(png, 'png'), width, height, lipsynced, expression, mouthBox, ms },
          }),
        )
        .catch((e: unknown) =>
          emit({ type: 'previewFrame', requestId, lipsync: { status: 'unavailable', reason: e instanceof Error ? e.message : String(e) } }),
        );
      return { ...frame, lipsync: { status: 'pending' } };
    },

    async getWaveform({ projectId, track, clipId, peaksPerSecond }) {
      const store = await workspace.get(projectId);
      let media = track === 'source' ? sourceOf(store) : undefined;
      if (track !== 'source') {
        const t = store.tracks.find(track) ?? fail(notFound('dub track', track));
        const clips = store.clips.list(t.id);
        const clip = clipId === undefined ? clips[0] : (clips.find((c) => c.id === clipId) ?? fail(notFound('dub clip', clipId)));
        media = clip && store.media.find(clip.mediaId);
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
      return models.report();
    },

    async downloadModel({ name }) {
      return models.download(name);
    },

    async cancelModelDownload({ name }) {
      return { cancelled: models.cancel(name) };
    },

    async listExportJobs({ projectId }) {
      const store = await workspace.get(projectId);
      return store.jobs.list().map(toExportJob);
    },

    async queueExport({ projectId, languages, format, outDir, pattern, lipsync, overwrite }) {
      const store = await workspace.get(projectId);
      return exports.enqueue(store, { languages, format, outDir: resolve(outDir), pattern, lipsync, overwrite });
    },

    async cancelExport({ projectId, jobId }) {
      const store = await workspace.get(projectId);
      if (!store.jobs.find(jobId)) throw notFound('export job', jobId);
      return exports.cancel(store, jobId);
    },
  };
}

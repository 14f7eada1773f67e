import { randomUUID } from 'node:crypto';
import type { EmotionTemplate, PreviewFrame } from '../../../common/domain';
import { previewRequestFor } from '../../engine/jobs/editor-render';
import type { ProjectStore } from '../../engine/store';
import { notFound } from '../errors';
import { frameCountOf, sourceOf } from '../view';
import { fail, type ApiCalls, type ApiContext } from './context';

/** Preview frames are for a monitor, not for export: cap their width to keep scrubbing fast. */
const PREVIEW_MAX_WIDTH = 960;

type Waveform = { peaks: number[]; peaksPerSecond: number; duration: number };

/**
 * A language whose clips name speakers renders its paused frames the way its export and preview
 * chunks do (each speaker's own mix, plan and bank); other languages keep the one-dub path.
 */
export function speakerRender(store: ProjectStore, language: string) {
  const clips = store.tracks.list(language).flatMap((t) => store.clips.list(t.id));
  return clips.some((c) => c.speaker) ? { render: previewRequestFor(store, language) } : {};
}

/** The monitor's frames and the timeline's waveforms. */
export function previewCalls(ctx: ApiContext): ApiCalls<'renderPreviewFrame' | 'getWaveform'> {
  const peaksCache = new Map<string, Waveform>();
  return {
    async renderPreviewFrame({ projectId, time, language }): Promise<PreviewFrame> {
      const store = await ctx.workspace.get(projectId);
      const src = sourceOf(store) ?? fail(notFound('source video of project', projectId));
      const fps = src.fps ?? 25;
      // Snap to the frame on screen at `time`, and never past the last frame (talk3: 125 frames in
      // a 5.04 s file: at 5.0 s there is no frame 125 to decode).
      const lastIndex = Math.max(0, frameCountOf(src) - 1);
      const frameIndex = Math.min(lastIndex, Math.floor(time * fps + 1e-6));
      const frameTime = frameIndex / fps;
      const bytes = await ctx.engine.extractFrame(src.path, frameTime, PREVIEW_MAX_WIDTH);
      const scale = Math.min(1, PREVIEW_MAX_WIDTH / (src.width || PREVIEW_MAX_WIDTH));
      const requestId = randomUUID();
      const frame: PreviewFrame = {
        requestId,
        time: frameTime,
        frameIndex,
        language,
        original: {
          url: ctx.frames.put(bytes),
          width: Math.round((src.width ?? 0) * scale),
          height: Math.round((src.height ?? 0) * scale),
        },
        lipsync: { status: 'unavailable', reason: 'showing the original (A)' },
      };
      if (language === null) return frame;
      const dub = ctx.dubOf(store, language);
      if (!dub) return { ...frame, lipsync: { status: 'unavailable', reason: `no ${language} dub track` } };
      // The edited frame (lip-sync, then emotion) follows as an event with the same requestId.
      const segments = store.segments.list().map(({ start, end, emotionTemplate, intensity, lipsyncEnabled }) => ({
        start,
        end,
        emotionTemplate: emotionTemplate as EmotionTemplate,
        intensity,
        lipsyncEnabled,
      }));
      Promise.resolve()
        .then(() =>
          ctx.engine.renderLipsyncFrame({
            projectId,
            videoPath: src.path,
            time: frameTime,
            dub,
            segments,
            ...speakerRender(store, language),
          }),
        )
        .then(({ png, width, height, lipsynced, expression, mouthBox, ms }) =>
          ctx.emit({
            type: 'previewFrame',
            requestId,
            lipsync: { status: 'ready', url: ctx.frames.put(png, 'png'), width, height, lipsynced, expression, mouthBox, ms },
          }),
        )
        .catch((e: unknown) =>
          ctx.emit({
            type: 'previewFrame',
            requestId,
            lipsync: { status: 'unavailable', reason: e instanceof Error ? e.message : String(e) },
          }),
        );
      return { ...frame, lipsync: { status: 'pending' } };
    },

    async getWaveform({ projectId, track, clipId, peaksPerSecond }) {
      const store = await ctx.workspace.get(projectId);
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
        const r = await ctx.engine.waveformPeaks(media.path, peaksPerSecond);
        w = { ...r, peaksPerSecond };
        peaksCache.set(key, w);
      }
      return w;
    },
  };
}

import { basename, dirname, join } from 'node:path';
import { RedubError } from '../errors';
import type { PlacedClip } from '../media/clip-fit';
import type { ExportRequest } from '../export/export-language';
import type { ProjectStore, RenderJob } from '../store';
import type { LipsyncRequest } from '../stages/registry';
import { encodeFor, ExportSettingsSchema, originalGainDb } from './export-settings';

/** Bumped when the renderer's output changes for the same inputs, so old chunks are not reused. */
export const RENDER_ENGINE_VERSION = 1;

/** Chunks live beside the project, per language, format and lip-sync engine, between runs. */
export function workDirFor(projectPath: string, job: Pick<RenderJob, 'language' | 'format'>, lipsync = 'builtin'): string {
  // Another lip-sync engine's chunks live apart: an export without lip-sync must neither sweep away
  // the preview's built-in chunks nor show on the render bar as "stale" (no edit changed them).
  const engine = lipsync === 'builtin' ? '' : `.${lipsync}`;
  return join(dirname(projectPath), `.${basename(projectPath)}.work`, `${job.language}.${job.format}${engine}`);
}

function clipsFor(store: ProjectStore, language: string): PlacedClip[] {
  const tracks = store.tracks.list(language).filter((t) => !t.muted);
  const clips = tracks.flatMap((t) =>
    store.clips.list(t.id).map((c): PlacedClip => {
      const media = store.media.get(c.mediaId);
      const end = media.duration === null ? undefined : media.duration - c.trimEnd;
      const gainDb = c.gainDb + t.gainDb;
      const placed = { file: media.path, start: c.start, gainDb, trimStart: c.trimStart, trimEnd: end, track: t.id, mismatch: c.mismatch };
      return c.speaker ? { ...placed, speaker: c.speaker } : placed;
    }),
  );
  if (clips.length === 0) throw new RedubError('INVALID_ARGUMENT', `the project has no dub audio for language "${language}"`, store.path);
  return clips;
}

/** What the segments ask of the stages: emotion templates and where lip-sync is off. */
function segmentLooks(store: ProjectStore): Pick<LipsyncRequest, 'emotions' | 'lipsyncOff' | 'script'> {
  const segments = store.segments.list();
  return {
    emotions: segments
      .filter((s) => s.emotionTemplate !== 'neutral' && s.intensity > 0)
      .map((s) => ({ start: s.start, end: s.end, template: s.emotionTemplate, intensity: s.intensity })),
    lipsyncOff: segments.filter((s) => !s.lipsyncEnabled).map((s) => [s.start, s.end] as [number, number]),
    script: segments.filter((s) => s.text.trim()).map((s) => ({ start: s.start, end: s.end, text: s.text })),
  };
}

/** Turns a queued job into an export request from the project's current state. */
export function exportRequestFor(
  store: ProjectStore,
  job: Pick<RenderJob, 'language' | 'format' | 'outPath' | 'settings'>,
): Omit<ExportRequest, 'onProgress' | 'onChunk' | 'signal'> {
  const settings = ExportSettingsSchema.parse(job.settings);
  const source = store.media.list('source')[0];
  if (!source) throw new RedubError('INVALID_ARGUMENT', 'the project has no source video', store.path);
  const clips = clipsFor(store, job.language);
  const segments = store.segments
    .list()
    .map((s) => ({ start: s.start, end: s.end, look: JSON.stringify([s.emotionTemplate, s.intensity, s.lipsyncEnabled, s.text]) }));
  const clipKey = clips.map((c) => `${c.track}:${c.file}@${c.start}/${c.gainDb}/${c.trimStart}-${c.trimEnd}/${c.mismatch}`).join(';');
  // Only a language whose clips name speakers keys on them: single-speaker chunks keep their keys.
  const speakers = clips.some((c) => c.speaker) ? store.speakers.list().map((s) => ({ id: s.id, trackIds: s.trackIds })) : undefined;
  const speakerKey = speakers ? `|speakers:${clips.map((c) => c.speaker ?? '').join(',')}|${JSON.stringify(speakers)}` : '';
  return {
    video: source.path,
    out: job.outPath,
    clips,
    originalGainDb: originalGainDb(settings.originalAudio),
    ...(speakers ? { speakers } : {}),
    policy: settings.policy,
    lipsync: { engine: settings.lipsync, language: job.language, ...segmentLooks(store) },
    segments,
    encode: encodeFor(settings),
    chunkSeconds: settings.chunkSeconds,
    workDir: workDirFor(store.path, job, settings.lipsync),
    baseKey: `v${RENDER_ENGINE_VERSION}|${source.contentHash ?? source.path}|${clipKey}${speakerKey}`,
    language: job.language,
    overwrite: true,
    ...(settings.range ? { range: settings.range } : {}),
    ...(settings.subtitles ? { subtitles: { format: settings.subtitles, segments: store.segments.list() } } : {}),
    loudnessLufs: settings.loudnorm ? settings.loudnessLufs : undefined,
  };
}

import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LOUDNESS_RANGE, ORIGINAL_AUDIO, type OriginalAudio } from '../../../common/domain';
import { DURATION_POLICIES } from '../dub/duration-policy';
import { SUBTITLE_FORMATS } from '../export/subtitle-file';
import type { EncodeSettings } from '../media/encoders';

export const EXPORT_FORMATS = ['mp4', 'mov', 'webm'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Everything a render job needs besides the project itself; stored with the job. */
export const ExportSettingsSchema = z.object({
  format: z.enum(EXPORT_FORMATS).default('mp4'),
  lipsync: z.string().default('builtin'),
  policy: z.enum(DURATION_POLICIES as unknown as ['cut', 'pad-video', 'pad-audio']).default('cut'),
  /** EBU R128 loudness normalisation of the mix, to `loudnessLufs`. */
  loudnorm: z.boolean().default(false),
  loudnessLufs: z.number().min(LOUDNESS_RANGE.min).max(LOUDNESS_RANGE.max).default(-16),
  chunkSeconds: z.number().positive().default(10),
  /** The original audio under the dub (off = removed); its gain is originalGainDb(). */
  originalAudio: z.enum(ORIGINAL_AUDIO).default('off'),
  crf: z.number().optional(),
  /** Also write `<video name>.<lang>.srt|vtt` from the segments that have text; null = none. */
  subtitles: z.enum(SUBTITLE_FORMATS).nullable().default(null),
  /** Export only this part of the output timeline (the editor's In–Out), seconds; null = all of it. */
  range: z
    .object({ start: z.number().min(0), end: z.number() })
    .refine((r) => r.end > r.start, 'the range must end after it starts')
    .nullable()
    .default(null),
});
export type ExportSettings = z.infer<typeof ExportSettingsSchema>;

/** How far "ducked" lowers the original: a music and effects bed that never competes with the dub. */
export const DUCKED_GAIN_DB = -12;

/** Gain in dB of the original audio under the dub; undefined = removed. */
export function originalGainDb(mode: OriginalAudio): number | undefined {
  return mode === 'off' ? undefined : mode === 'ducked' ? DUCKED_GAIN_DB : 0;
}

export function encodeFor(settings: ExportSettings): EncodeSettings {
  const codec = settings.format === 'webm' ? 'vp9' : 'h264';
  return { codec, crf: settings.crf };
}

export function settingsHash(settings: ExportSettings): string {
  return createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 16);
}

/** Output names follow a pattern: {project}, {lang}, {ext}. */
export function outputName(pattern: string, fields: { project: string; lang: string; ext: string }): string {
  return pattern.replace(/\{(project|lang|ext)\}/g, (_, k: keyof typeof fields) => fields[k]).replace(/[/\\]/g, '_');
}

export const DEFAULT_NAME_PATTERN = '{project}_{lang}.{ext}';

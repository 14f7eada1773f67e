import { z } from 'zod';

/**
 * The editor's view of a project, as it crosses the process boundary.
 * Field names mirror the engine store (main/engine/store/types.ts) so the API layer
 * maps rows one-to-one; only what the renderer needs is here (no absolute paths
 * beyond the ones the user chose, no job internals).
 */

export const EMOTION_TEMPLATES = ['neutral', 'smile', 'sad', 'surprised', 'angry'] as const;
export const emotionTemplateSchema = z.enum(EMOTION_TEMPLATES);
export type EmotionTemplate = z.infer<typeof emotionTemplateSchema>;

/** Ids are opaque strings minted by the store; bounded so a hostile caller cannot send megabytes. */
export const idSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected an id (letters, digits, _ or -)');

/** A path the user picked (dialog or typed). Absolute, no NUL, sane length. */
export const userPathSchema = z
  .string()
  .min(1, 'expected a file path')
  .max(4096)
  .refine((p) => !p.includes('\0'), 'must not contain NUL')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'must be an absolute path');

/** BCP-47-ish language tag, as the store accepts it (letters, digits, '-'). */
export const languageSchema = z
  .string()
  .min(2)
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'expected a language tag such as "es" or "pt-BR"');

/** Seconds on the timeline. */
export const timeSchema = z
  .number()
  .finite()
  .min(0)
  .max(24 * 3600);

export const sourceVideoSchema = z.object({
  mediaId: idSchema,
  path: z.string(),
  /** Served by the transport (bridge or custom protocol); never a file:// URL. */
  url: z.string(),
  duration: z.number(),
  fps: z.number(),
  width: z.number().int(),
  height: z.number().int(),
  frameCount: z.number().int(),
  hasAudio: z.boolean(),
});
export type SourceVideo = z.infer<typeof sourceVideoSchema>;

/** What a clip does when its audio and its slot differ in length (engine: MismatchPolicy). */
export const MISMATCH_POLICIES = ['cut', 'pad', 'stretch'] as const;

/** Dub audio placed on a track: a language may be one whole-file clip or many short ones. */
export const dubClipSchema = z.object({
  id: idSchema,
  mediaId: idSchema,
  /** The file the user chose (shown, never read by the renderer). */
  path: z.string(),
  url: z.string(),
  /** Timeline seconds where the (trimmed) clip starts. */
  start: z.number(),
  /** Seconds cut from the head / tail of the media. */
  trimStart: z.number(),
  trimEnd: z.number(),
  gainDb: z.number(),
  mismatch: z.enum(MISMATCH_POLICIES),
  /** Length of the whole media file (s); the clip plays duration - trimStart - trimEnd. */
  mediaDuration: z.number(),
  /** The speaker whose face the clip drives (ProjectView.speakers id); null: the main speaker. */
  speaker: z.string().nullable().default(null),
});
export type DubClip = z.infer<typeof dubClipSchema>;

export const dubTrackSchema = z.object({
  id: idSchema,
  language: z.string(),
  name: z.string(),
  muted: z.boolean(),
  /** The track's (first) clip: where its audio comes from and where it sits. */
  audio: z.object({
    mediaId: idSchema,
    path: z.string(),
    url: z.string(),
    start: z.number(),
    duration: z.number(),
  }),
  /** Every clip of the track, in timeline order (audio is the first one's file). */
  clips: z.array(dubClipSchema),
});
export type DubTrack = z.infer<typeof dubTrackSchema>;

export const segmentSchema = z.object({
  id: idSchema,
  start: z.number(),
  end: z.number(),
  emotionTemplate: emotionTemplateSchema,
  intensity: z.number().min(0).max(1),
  lipsyncEnabled: z.boolean(),
  /** What is said in the segment (a subtitle cue's text, or typed); '' when unknown. */
  text: z.string(),
  /** Bumped on every change (never goes back, even on undo): renders remember it. */
  revision: z.number().int().min(1),
  /** Revision the current lip-sync output was made from; null when never rendered. */
  renderedRevision: z.number().int().nullable(),
  /** The speaker whose face the segment applies to; null: the main speaker. */
  speaker: z.string().nullable().default(null),
});

/** A person of the source video (face tracks re-identified across shots), with the user's name. */
export const speakerSchema = z.object({
  /** "speaker1", "speaker2"… (unique within the project). */
  id: z.string(),
  name: z.string(),
  /** Frames with this face on screen. */
  frames: z.number().int(),
  /** The face's thumbnail PNG, served by the host; null when there is none. */
  thumbnailUrl: z.string().nullable(),
  /** Where the face typically is (source pixels), for the preview's outline; null until the host has looked. */
  box: z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() }).nullable(),
  /** Its colour on the timeline, index into the renderer's palette (speakers keep it through renames). */
  color: z.number().int().min(0),
});
export type Speaker = z.infer<typeof speakerSchema>;
export type Segment = z.infer<typeof segmentSchema>;

export const historyStateSchema = z.object({
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  undoLabel: z.string().nullable(),
  redoLabel: z.string().nullable(),
});
export type HistoryState = z.infer<typeof historyStateSchema>;

/** Everything the editor shows for one project; every edit call returns a fresh one. */
export const projectViewSchema = z.object({
  id: idSchema,
  name: z.string(),
  updatedAt: z.number(),
  source: sourceVideoSchema,
  dubTracks: z.array(dubTrackSchema),
  segments: z.array(segmentSchema),
  history: historyStateSchema,
  /** The people of the video (empty until found: the findSpeakers call). */
  speakers: z.array(speakerSchema).default([]),
});
export type ProjectView = z.infer<typeof projectViewSchema>;

export const recentProjectSchema = z.object({
  id: idSchema,
  name: z.string(),
  videoPath: z.string(),
  updatedAt: z.number(),
  languages: z.array(z.string()),
});
export type RecentProject = z.infer<typeof recentProjectSchema>;

export const previewStageSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending') }),
  z.object({
    status: z.literal('ready'),
    url: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    /** A dub mouth was pasted (false: the plan kept the frame's own mouth there, or lip-sync is off). */
    lipsynced: z.boolean(),
    /** An emotion template warped the face. */
    expression: z.boolean(),
    /** The lower face in frame pixels, where lip-sync repaints (null: no face on this frame). */
    mouthBox: z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() }).nullable(),
    /** Engine time for this frame, ms. */
    ms: z.number(),
  }),
  z.object({ status: z.literal('unavailable'), reason: z.string() }),
]);
export type PreviewStage = z.infer<typeof previewStageSchema>;

/**
 * "Original at once, lip-synced when ready": the call answers with the original frame;
 * the lip-synced one arrives later as a `previewFrame` event carrying the same requestId.
 */
export const previewFrameSchema = z.object({
  requestId: z.string(),
  time: z.number(),
  frameIndex: z.number().int(),
  language: z.string().nullable(),
  original: z.object({ url: z.string(), width: z.number().int(), height: z.number().int() }),
  lipsync: previewStageSchema,
});
export type PreviewFrame = z.infer<typeof previewFrameSchema>;

export const waveformSchema = z.object({
  peaks: z.array(z.number()),
  peaksPerSecond: z.number(),
  duration: z.number(),
});
export type Waveform = z.infer<typeof waveformSchema>;

/** Container formats the export engine writes (main/engine/jobs/export-settings.ts). */
export const EXPORT_FORMATS = ['mp4', 'mov', 'webm'] as const;
export const EXPORT_LIPSYNC = ['builtin', 'none'] as const;
/** The source's own audio under the dub: removed, ducked (music and effects beds, lowered), or at full level. */
export const ORIGINAL_AUDIO = ['off', 'ducked', 'full'] as const;
export type OriginalAudio = (typeof ORIGINAL_AUDIO)[number];
/** Subtitle files an export can write beside each video, from the segments that have text. */
export const SUBTITLE_FORMATS = ['srt', 'vtt'] as const;
export type SubtitleFormat = (typeof SUBTITLE_FORMATS)[number];
/** Integrated loudness targets offered (EBU R128): -16 LUFS for streaming/web, -23 LUFS for broadcast. */
export const LOUDNESS_TARGETS = [-16, -23] as const;
/** Loudness targets the engine accepts, LUFS. */
export const LOUDNESS_RANGE = { min: -36, max: -8 } as const;
/** Output names: {project}, {lang} and {ext} are filled in; the engine's default. */
export const DEFAULT_NAME_PATTERN = '{project}_{lang}.{ext}';
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;

export const exportJobSchema = z.object({
  id: z.string(),
  language: z.string(),
  format: z.enum(EXPORT_FORMATS),
  state: z.enum(JOB_STATES),
  /** 0..1 */
  progress: z.number(),
  /** Frames per second the render currently achieves (null before the first frames). */
  fps: z.number().nullable(),
  /** Seconds left, as last estimated. */
  eta: z.number().nullable(),
  error: z.string().nullable(),
  /** Where the file is written (output folder + name pattern). */
  outPath: z.string(),
  lipsync: z.string(),
  createdAt: z.number(),
  /**
   * Increases with every view the host makes of any job, also across host restarts: a client
   * keeps the view with the highest seq, so a late API answer never overwrites a newer event
   * (a job that failed at once must not show "Queued").
   */
  seq: z.number(),
  /** What a running job is doing now ("analysing faces", "building bank", "rendering", "assembling"). */
  phase: z.string().nullable().optional(),
  /** Chunks finished so far in this run, and how many of them were reused from earlier renders. */
  chunks: z.object({ done: z.number().int(), reused: z.number().int() }).nullable().optional(),
  /** Rendered on a farm: its URL, password masked (the job lives on the farm, not in the project file). */
  farm: z.string().nullable().optional(),
});
export type ExportJob = z.infer<typeof exportJobSchema>;

export const modelInfoSchema = z.object({
  name: z.string(),
  role: z.string(),
  file: z.string(),
  installed: z.boolean(),
  licence: z.object({ id: z.string(), name: z.string(), url: z.string() }),
  /** The licence forbids commercial use: flagged in the list and in the download confirmation. */
  nonCommercial: z.boolean(),
  /** Bytes, when the manifest knows. */
  size: z.number().nullable(),
  /** Bytes of a resumable partial download. */
  partialBytes: z.number(),
  note: z.string(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

export const providerInfoSchema = z.object({ name: z.string(), usable: z.boolean(), reason: z.string().optional() });

/** Models plus where inference runs: the providers this install can use and the live sessions. */
export const modelsReportSchema = z.object({
  dir: z.string(),
  models: z.array(modelInfoSchema),
  /** Providers tried in this order (REDUB_EP or auto); CPU always last. */
  preference: z.array(z.string()),
  providers: z.array(providerInfoSchema),
  /** Model sessions open in the engine and the provider each runs on. */
  sessions: z.array(z.object({ model: z.string(), provider: z.string(), fallback: z.string().optional() })),
  /** The models lip-sync cannot run without (the face models, fetched on first use): the first-run panel lists them. */
  faceModels: z.array(z.string()),
  /** Why the last automatic download of a face model failed (offline…); null when none failed since. */
  faceModelsError: z.string().nullable(),
});
export type ModelsReport = z.infer<typeof modelsReportSchema>;

/** The analysis cache (mouth banks, face tracks, scrub proxies): its size against its cap (REDUB_CACHE_LIMIT). */
export const cacheInfoSchema = z.object({
  dir: z.string(),
  totalBytes: z.number(),
  limitBytes: z.number(),
  /** Bytes per kind of entry ('mouth-banks', 'face-tracks', 'scrub-proxies'). */
  kinds: z.record(z.string(), z.number()),
});
export type CacheInfo = z.infer<typeof cacheInfoSchema>;

export const modelDownloadSchema = z.object({
  name: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  received: z.number(),
  total: z.number().nullable(),
  error: z.string().nullable(),
});
export type ModelDownload = z.infer<typeof modelDownloadSchema>;

export const appInfoSchema = z.object({
  /** 'electron': native dialogs exist; 'browser': paths are typed by the user. */
  mode: z.enum(['electron', 'browser']),
  version: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

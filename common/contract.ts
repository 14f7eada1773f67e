import { z } from 'zod';
import {
  appInfoSchema,
  EMOTION_TEMPLATES,
  EXPORT_FORMATS,
  EXPORT_LIPSYNC,
  LOUDNESS_RANGE,
  ORIGINAL_AUDIO,
  SUBTITLE_FORMATS,
  exportJobSchema,
  idSchema,
  languageSchema,
  MISMATCH_POLICIES,
  modelDownloadSchema,
  modelInfoSchema,
  modelsReportSchema,
  cacheInfoSchema,
  previewFrameSchema,
  previewStageSchema,
  projectViewSchema,
  recentProjectSchema,
  timeSchema,
  userPathSchema,
  waveformSchema,
} from './domain';
import { renderStateSchema } from './render-state';
import { farmCalls, farmTargetSchema } from './farm-calls';
import { speakerCalls } from './speaker-calls';

/**
 * The ONE contract between the renderer and whatever hosts the engine (Electron main via IPC,
 * or the local bridge server over HTTP/WebSocket). Every call takes a single named-argument
 * object, so a validation error can name the offending field ("intensity: …").
 * Hosts MUST parse arguments with `contract[call].args` before doing anything.
 */

const segmentPatchSchema = z
  .object({
    emotionTemplate: z.enum(EMOTION_TEMPLATES).optional(),
    intensity: z.number().finite().min(0).max(1).optional(),
    lipsyncEnabled: z.boolean().optional(),
    /** The store keeps at most 10 000 characters (main/engine/store/schema/v3-segment-text.ts). */
    text: z.string().max(10_000).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'patch must change at least one field');

/** Seconds of media; bounded like timeline times. */
const secondsSchema = z
  .number()
  .finite()
  .min(0)
  .max(24 * 3600);

const dubClipPatchSchema = z
  .object({
    start: timeSchema.optional(),
    trimStart: secondsSchema.optional(),
    trimEnd: secondsSchema.optional(),
    /** -60 dB is silence for a dub; +24 dB is already far past clipping for speech. */
    gainDb: z.number().finite().min(-60).max(24).optional(),
    mismatch: z.enum(MISMATCH_POLICIES).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'patch must change at least one field');

const projectRef = z.object({ projectId: idSchema }).strict();

/** An output-name pattern: a file name (no folders) with {project}, {lang}, {ext} fields. */
const namePatternSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((p) => !/[/\\\0]/.test(p), 'must be a file name, without folders')
  .refine((p) => p.includes('{lang}'), 'must contain {lang}, or every language would write the same file');
const none = z.object({}).strict();
const modelNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9_.-]+$/, 'expected a model name from the manifest');

/** What the native file picker can be asked for. */
export const PICK_KINDS = ['video', 'audio', 'subtitles', 'model'] as const;
export type PickKind = (typeof PICK_KINDS)[number];

function call<A extends z.ZodType, R extends z.ZodType>(args: A, result: R) {
  return { args, result };
}

export const contract = {
  getAppInfo: call(none, appInfoSchema),
  /** Native file picker (Electron). In browser mode there is none: resolves to null. */
  pickFile: call(z.object({ kind: z.enum(PICK_KINDS) }).strict(), z.object({ path: z.string().nullable() })),
  /** Native folder picker (Electron). In browser mode there is none: resolves to null. */
  pickFolder: call(z.object({ purpose: z.enum(['models', 'output']) }).strict(), z.object({ path: z.string().nullable() })),
  listRecentProjects: call(none, z.array(recentProjectSchema)),
  /** Opens (or reopens, when a project for this file exists) a project for a video. */
  openVideo: call(z.object({ path: userPathSchema }).strict(), projectViewSchema),
  getProject: call(projectRef, projectViewSchema),
  /** The renderer left the project: its preview cache is released and its file closed (unless exporting). */
  closeProject: call(projectRef, z.object({ closed: z.boolean() })),
  addDubTrack: call(z.object({ projectId: idSchema, language: languageSchema, audioPath: userPathSchema }).strict(), projectViewSchema),
  /** A language made of many clips: one more piece of dub audio on an existing track. */
  addDubClip: call(z.object({ trackId: idSchema, audioPath: userPathSchema, start: timeSchema.default(0) }).strict(), projectViewSchema),
  /** Moves, trims, re-levels a clip or changes its mismatch policy: one undo step. */
  updateDubClip: call(z.object({ clipId: idSchema, patch: dubClipPatchSchema }).strict(), projectViewSchema),
  /** Removing a track's last clip removes the track (a language without audio is none). */
  removeDubClip: call(z.object({ clipId: idSchema }).strict(), projectViewSchema),
  /** Replaces the segments with one per cue of an SRT/WebVTT file the user chose: one undo step. */
  importSubtitles: call(z.object({ projectId: idSchema, path: userPathSchema }).strict(), projectViewSchema),
  splitSegment: call(z.object({ segmentId: idSchema, time: timeSchema }).strict(), projectViewSchema),
  updateSegment: call(z.object({ segmentId: idSchema, patch: segmentPatchSchema }).strict(), projectViewSchema),
  undo: call(projectRef, projectViewSchema),
  redo: call(projectRef, projectViewSchema),
  renderPreviewFrame: call(
    z.object({ projectId: idSchema, time: timeSchema, language: languageSchema.nullable() }).strict(),
    previewFrameSchema,
  ),
  getWaveform: call(
    z
      .object({
        projectId: idSchema,
        /** 'source' or a dub track id. */
        track: z.union([z.literal('source'), idSchema]),
        /** One clip of a dub track (a language of many clips draws each); default its first. */
        clipId: idSchema.optional(),
        peaksPerSecond: z.number().int().min(10).max(1000).default(100),
      })
      .strict(),
    waveformSchema,
  ),
  listModels: call(none, modelsReportSchema),
  /** The analysis cache's size and cap, for the settings (Models) panel. */
  getCacheInfo: call(none, cacheInfoSchema),
  /**
   * Downloads a model from its manifest URLs (or REDUB_MODELS_URL), verified by hash; answers
   * when it is installed, with `modelDownload` events on the way. The licence must have been
   * shown and accepted: the call is refused without acceptLicence: true.
   */
  downloadModel: call(
    z.object({ name: modelNameSchema, acceptLicence: z.literal(true, "accept the model's licence first") }).strict(),
    modelInfoSchema,
  ),
  cancelModelDownload: call(z.object({ name: modelNameSchema }).strict(), z.object({ cancelled: z.boolean() })),
  /** Copies a model file the user has into the models folder (its manifest entry found by name or by its interface). */
  importModelFile: call(z.object({ path: userPathSchema }).strict(), modelsReportSchema),
  /** Uses another folder for models from now on (remembered across restarts); it must exist. */
  setModelsFolder: call(z.object({ path: userPathSchema }).strict(), modelsReportSchema),
  listExportJobs: call(projectRef, z.array(exportJobSchema)),
  /** One job per language; they render one after another in the engine host, progress as events. */
  queueExport: call(
    z
      .object({
        projectId: idSchema,
        languages: z.array(languageSchema).min(1).max(32),
        format: z.enum(EXPORT_FORMATS),
        outDir: userPathSchema,
        pattern: namePatternSchema,
        lipsync: z.enum(EXPORT_LIPSYNC),
        overwrite: z.boolean().default(false),
        /** A missing output folder is made only with the user's consent; otherwise the call is refused (FOLDER_MISSING). */
        createFolder: z.boolean().default(false),
        originalAudio: z.enum(ORIGINAL_AUDIO).default('off'),
        /** Integrated loudness target (EBU R128), LUFS; null = not normalised. */
        loudnessLufs: z.number().min(LOUDNESS_RANGE.min).max(LOUDNESS_RANGE.max).nullable().default(null),
        /** Only the In–Out part of the timeline, seconds; null = all of it. */
        range: z.object({ start: timeSchema, end: timeSchema }).nullable().default(null),
        /** Also write `<name>.<lang>.srt|vtt` beside each video from the segments that have text; null = none. */
        subtitles: z.enum(SUBTITLE_FORMATS).nullable().default(null),
        /** Render on this farm instead of this computer (common/farm-calls.ts); null = here. */
        farm: farmTargetSchema.nullable().default(null),
      })
      .strict(),
    z.array(exportJobSchema),
  ),
  /** Puts a failed or cancelled job back in the queue; its finished chunks are reused. */
  retryExport: call(z.object({ projectId: idSchema, jobId: idSchema }).strict(), exportJobSchema),
  /** Removes a job that is not running from the queue (its output file, if any, stays). Answers the queue. */
  removeExport: call(z.object({ projectId: idSchema, jobId: idSchema }).strict(), z.array(exportJobSchema)),
  /**
   * Desktop app only: opens a finished job's file in the system's player ('play') or shows it in
   * its folder ('reveal'). The path is the job's own, never one the page names.
   */
  showExportOutput: call(
    z.object({ projectId: idSchema, jobId: idSchema, action: z.enum(['play', 'reveal']) }).strict(),
    z.object({ path: z.string() }),
  ),
  /** Removes every done, failed and cancelled job. Answers the queue. */
  clearFinishedExports: call(projectRef, z.array(exportJobSchema)),
  /** A running job stops at the next frame and leaves no output; a queued one never starts. */
  cancelExport: call(z.object({ projectId: idSchema, jobId: idSchema }).strict(), exportJobSchema),
  /** The render bar of a language: its chunks rendered / stale / not rendered, from the chunk files. */
  getRenderState: call(z.object({ projectId: idSchema, language: languageSchema }).strict(), renderStateSchema),
  /** Background render near the playhead (a few seconds ahead); a jump or an edit restarts it there. */
  renderAround: call(z.object({ projectId: idSchema, language: languageSchema, time: timeSchema }).strict(), renderStateSchema),
  /** "Render In to Out": renders every chunk overlapping [start, end) seconds; background requests wait. */
  renderRange: call(
    z
      .object({ projectId: idSchema, language: languageSchema, start: timeSchema, end: timeSchema })
      .strict()
      .refine((a) => a.end > a.start, 'end must be after start'),
    renderStateSchema,
  ),
  /** Stops the project's preview render; the chunk in progress is dropped, finished ones stay. */
  stopRender: call(projectRef, z.object({ stopped: z.boolean() })),
  ...speakerCalls,
  ...farmCalls,
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export const CALL_NAMES = Object.keys(contract) as CallName[];

export type CallArgs<K extends CallName> = z.input<Contract[K]['args']>;
export type ParsedArgs<K extends CallName> = z.output<Contract[K]['args']>;
export type CallResult<K extends CallName> = z.output<Contract[K]['result']>;

/** Push notifications from host to renderer. */
export const eventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('previewFrame'),
    requestId: z.string(),
    lipsync: previewStageSchema,
  }),
  z.object({ type: z.literal('projectChanged'), projectId: idSchema }),
  /** An export job changed: started, progressed (at most a few times a second), finished. */
  z.object({ type: z.literal('exportJob'), projectId: idSchema, job: exportJobSchema }),
  /** The queue lost jobs (removed, cleared): the whole list, which replaces the client's. */
  z.object({ type: z.literal('exportJobs'), projectId: idSchema, jobs: z.array(exportJobSchema) }),
  z.object({ type: z.literal('modelDownload'), download: modelDownloadSchema }),
  /** A language's render bar changed: a chunk finished or went stale, a render started or stopped. */
  z.object({ type: z.literal('renderState'), state: renderStateSchema }),
  /**
   * Made by the renderer's transport, never sent by a host: the event stream closed (the server
   * is gone: show it) or is open again.
   */
  z.object({ type: z.literal('connection'), connected: z.boolean() }),
  /**
   * Made by the renderer's transport: events may have been missed (a reconnect, or a gap in the
   * sequence numbers). Whoever keeps host state (project, jobs, models) re-reads it.
   */
  z.object({ type: z.literal('resync') }),
]);
export type RedubEvent = z.infer<typeof eventSchema>;

/**
 * An event on the bridge's WebSocket: numbered 1, 2, 3… per server run, so the client can tell
 * that it missed some (and re-sync) instead of showing stale state.
 */
export const wireEventSchema = z.object({ seq: z.number().int().positive(), event: eventSchema });
export type WireEvent = z.infer<typeof wireEventSchema>;

/** IPC channel of a call (Electron) — the bridge uses POST /api/<call> instead. */
export const channelOf = (name: CallName): string => `redub:${name}`;
export const EVENT_CHANNEL = 'redub:event';
export const isCallName = (s: string): s is CallName => Object.prototype.hasOwnProperty.call(contract, s);

/** Errors cross the boundary as data (Electron mangles thrown errors' messages). */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** The argument field at fault, when validation failed. */
  field: z.string().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ApiError };

/** What the renderer sees as `window.redub`, in Electron and in browser mode alike. */
export type RedubApi = { [K in CallName]: (args: CallArgs<K>) => Promise<CallResult<K>> };
export interface RedubBridge extends RedubApi {
  /** Subscribes to host events; returns the unsubscribe function. */
  onEvent(listener: (event: RedubEvent) => void): () => void;
  /** Turns a served path ("/media/…", "/frames/…") into a URL the renderer may load. */
  resolveUrl(path: string): string;
}

/** The implementation side: same calls, but receiving already-validated arguments. */
export type EditorApi = { [K in CallName]: (args: ParsedArgs<K>) => Promise<CallResult<K>> };

/** Thrown by hosts with a code the transports map to a status. */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** Validates a call's arguments, turning zod issues into one message that names the field. */
export function parseArgs<K extends CallName>(name: K, raw: unknown): ParsedArgs<K> {
  const r = contract[name].args.safeParse(raw ?? {});
  if (r.success) return r.data as ParsedArgs<K>;
  const issue = r.error.issues[0];
  const field = issue.path.length ? issue.path.join('.') : undefined;
  const message = `${name}: invalid argument${field ? ` "${field}"` : ''}: ${issue.message}`;
  throw new ApiCallError('INVALID_ARGUMENT', message, field);
}

import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { outputLength, type DurationPolicy } from '../dub/duration-policy';
import { RedubError } from '../errors';
import type { AudioMix, DubClip } from '../media/audio-mix';
import { availableStretcher, fitToSlots, type PlacedClip } from '../media/clip-fit';
import { DEFAULT_ENCODE, type EncodeSettings } from '../media/encoders';
import { sweepStalePartials } from '../media/partials';
import { validateDubInput, validateOutputPath, validateVideoInput, type ValidatedVideo } from '../media/validate';
import { renderMixToWav } from '../media/render-mix';
import { ProgressMeter, type Progress } from '../pipeline/progress';
import type { StageContext } from '../pipeline/stage';
import { buildStageChain, type LipsyncRequest } from '../stages';
import { assembleChunks } from './assemble';
import { chunkFileName, listChunkFiles } from './chunk-files';
import { planChunks, type ChunkSpec, type SegmentLook } from './chunk-plan';
import { ensureFreeSpace, estimateExportBytes } from './disk-guard';
import type { FrameRange } from './output-frames';
import { renderChunk } from './render-chunk';
import { speakerLinesFor, type ExportSpeaker } from './speaker-mixes';
import { cuesFor, subtitlePathFor, writeSubtitleFile, type Cue, type SubtitleFormat } from './subtitle-file';

export interface ExportRequest {
  video: string;
  out: string;
  /** The language's clips, with their tracks and mismatch policies (fitted to their slots here). */
  clips: PlacedClip[];
  /** Gain in dB of the original audio under the dub; omitted = removed. */
  originalGainDb?: number;
  /** The project's speakers (their face tracks), for clips that name a speaker. */
  speakers?: ExportSpeaker[];
  policy?: DurationPolicy;
  lipsync?: LipsyncRequest;
  segments?: SegmentLook[];
  encode?: EncodeSettings;
  chunkSeconds?: number;
  /** Where chunks live between runs (per project and language). */
  workDir: string;
  /** Identifies the source content and everything else that decides the pixels. */
  baseKey: string;
  overwrite?: boolean;
  /** BCP-47 tag of the dub's language: the audio stream's ISO 639-2 `language` tag ("es" → spa). */
  language?: string;
  /** EBU R128 loudness normalisation of the audio to this integrated loudness (LUFS); omitted = none. */
  loudnessLufs?: number;
  batchSize?: number;
  /** Also writes a subtitle file beside the output from these segments (those with text). */
  subtitles?: { format: SubtitleFormat; segments: Cue[] };
  /** Writes only this part of the output timeline (seconds): the chunks over it, cut to its frames. */
  range?: { start: number; end: number };
  /**
   * Renders only the chunks that overlap these output frames, into the same content-addressed
   * files, and stops there: no output file, no assembly (the editor's preview render).
   */
  only?: FrameRange;
  onProgress?(p: Progress): void;
  onChunk?(event: { chunk: ChunkSpec; reused: boolean; path: string }): void;
  onWarning?(message: string): void;
  /** What the export is doing before its frames flow ("analysing faces"), with progress where known. */
  onPhase?(phase: string, progress?: Progress): void;
  signal?: AbortSignal;
}

export interface ExportSummary {
  out: string;
  frames: number;
  chunks: number;
  reused: number;
  rendered: number;
  seconds: number;
}

async function removeStale(workDir: string, keep: Set<string>): Promise<void> {
  for (const name of await readdir(workDir)) {
    // Half-written files from a crash, and chunks of an older plan.
    if (name.includes('.partial-') || (name.startsWith('chunk-') && !keep.has(name))) await rm(join(workDir, name), { force: true });
  }
}

/** A preview render keeps older chunks (the render bar shows them as stale) until a new one covers them. */
async function removeSuperseded(workDir: string, chunk: ChunkSpec, plan: ChunkSpec[]): Promise<void> {
  const current = new Set(plan.map((c) => c.key));
  for (const f of await listChunkFiles(workDir)) {
    if (!current.has(f.key) && f.start < chunk.end && f.end > chunk.start) await rm(f.path, { force: true });
  }
}

/** An In–Out range in output frames, within the output; one line when it lies outside. */
function rangeFrames(range: { start: number; end: number }, fps: number, frames: number, out: string): FrameRange {
  const start = Math.round(range.start * fps);
  const end = Math.min(frames, Math.round(range.end * fps));
  if (end <= start)
    throw new RedubError(
      'INVALID_ARGUMENT',
      `the range ${range.start}-${range.end} s lies outside the output (0-${(frames / fps).toFixed(2)} s)`,
      out,
    );
  return { start, end };
}

/** The chunk plan of an export: one function, so the editor's preview render and the export plan alike. */
export function exportPlan(req: ExportRequest, video: { frameCount: number; fps: number }, lengths: number[]) {
  const dubEnd = Math.max(0, ...req.clips.map((c, i) => c.start + lengths[i]));
  const length = outputLength(req.policy ?? 'cut', video.frameCount, video.fps, dubEnd);
  const encode = req.encode ?? DEFAULT_ENCODE;
  const plan = planChunks({
    frames: length.frames,
    fps: video.fps,
    chunkSeconds: req.chunkSeconds ?? 10,
    segments: req.segments ?? [],
    baseKey: `${req.baseKey}|${JSON.stringify(encode)}|${JSON.stringify(engineKey(req.lipsync))}`,
  });
  return { length, encode, plan };
}

/** The engine settings that apply to every chunk; per-segment looks are keyed per chunk instead. */
function engineKey(lipsync: LipsyncRequest | undefined): Omit<LipsyncRequest, 'emotions' | 'lipsyncOff' | 'script'> {
  const { emotions: _e, lipsyncOff: _l, script: _s, ...engine } = lipsync ?? { engine: 'none' };
  return engine;
}

/** The language's whole dub as one file on the output timeline (what the lips follow). */
async function dubTrackFor(req: ExportRequest, clips: DubClip[], lipsync: LipsyncRequest, duration: number): Promise<string | undefined> {
  if (lipsync.engine === 'none' || clips.length === 0) return undefined;
  return renderMixToWav({ clips, duration, padSilence: true }, join(req.workDir, 'dub-mix.wav'));
}

/** Each clip's trimmed length, seconds. */
export async function clipLengths(clips: DubClip[]): Promise<number[]> {
  const out: number[] = [];
  // The same check as when the dub was added: the file may have changed on disk since.
  for (const c of clips) out.push((c.trimEnd ?? (await validateDubInput(c.file)).duration) - (c.trimStart ?? 0));
  return out;
}

/** The clips fitted to their slots in an output ending at `end` (cut / pad / stretch: media/clip-fit.ts). */
async function fittedClips(clips: PlacedClip[], lengths: number[], end: number): Promise<DubClip[]> {
  const stretcher = clips.some((c) => c.mismatch === 'stretch') ? await availableStretcher() : 'atempo';
  return fitToSlots(clips, lengths, end, stretcher);
}

/** Phases up to the first rendering: later chunks prepare again, from caches, in a blink. */
function firstPhases(onPhase: ExportRequest['onPhase']): StageContext['phase'] {
  let rendering = false;
  return (phase, p) => {
    if (rendering) return;
    rendering = phase === 'rendering';
    onPhase?.(phase, p);
  };
}

/** What an export renders and assembles, decided before the first frame (local and farm exports alike). */
export interface ExportPlan {
  video: ValidatedVideo['video'];
  frames: number;
  /** The whole language's chunks (what a preview render of a range keeps current). */
  full: ChunkSpec[];
  /** The chunks this run covers: all of them, or those overlapping `only`. */
  plan: ChunkSpec[];
  /** Chunks not yet on disk: the only ones rendered (or queued on a farm). */
  todo: ChunkSpec[];
  chunkPath(c: ChunkSpec): string;
  encode: EncodeSettings;
  lipsync: LipsyncRequest;
  /** The language's dub on the output timeline, for lip-sync (none when lip-sync is off). */
  audioPath?: string;
  /** The audio the assembler mixes in. */
  mix: AudioMix;
  /** An In–Out export: the frames to keep of the joined chunks (the first chunk's frame 0 = 0). */
  trim?: { start: number; frames: number };
  language?: string;
}

/** Validates the inputs, fits the clips, cuts the chunks and checks the disk: everything but rendering. */
export async function planExport(req: ExportRequest): Promise<ExportPlan> {
  const only = req.only;
  if (!only) {
    await validateOutputPath(req.out, { kind: 'video', overwrite: !!req.overwrite });
    await sweepStalePartials(dirname(req.out));
  }
  const source = await validateVideoInput(req.video);
  const v = source.video;
  // The output's length follows the clips as placed; each clip is then fitted to its slot in it.
  const lengths = await clipLengths(req.clips);
  const { length, encode, plan: full } = exportPlan(req, v, lengths);
  const clips = await fittedClips(req.clips, lengths, length.duration);
  const range = req.range ? rangeFrames(req.range, v.fps, length.frames, req.out) : undefined;
  const cover = only ?? range;
  const plan = cover ? full.filter((c) => c.start < cover.end && c.end > cover.start) : full;
  await mkdir(req.workDir, { recursive: true });
  const chunkPath = (c: ChunkSpec) => join(req.workDir, chunkFileName(c));
  if (!only) await removeStale(req.workDir, new Set(full.map(chunkFileName)));
  else await sweepStalePartials(req.workDir);
  const todo = plan.filter((c) => !existsSync(chunkPath(c)));
  const needed = estimateExportBytes(
    v.width,
    v.height,
    todo.reduce((n, c) => n + c.end - c.start, 0),
  );
  await ensureFreeSpace(req.workDir, needed);
  if (!only) await ensureFreeSpace(dirname(req.out), needed / 2);
  const asked = req.lipsync ?? { engine: 'none' };
  const lines = await speakerLinesFor({ ...req, fitted: clips, duration: length.duration, lipsync: asked });
  const lipsync = lines ? { ...asked, speakers: lines } : asked;
  const keepOriginal = req.originalGainDb !== undefined && source.audio.length > 0;
  const original = keepOriginal ? { file: req.video, gainDb: req.originalGainDb! } : undefined;
  return {
    video: v,
    frames: length.frames,
    full,
    plan,
    todo,
    chunkPath,
    encode,
    lipsync,
    audioPath: await dubTrackFor(req, clips, lipsync, length.duration),
    // Always padded to the video's length: a dub that ends early must not end the audio stream
    // early (players show a shorter file, and concatenating such files drifts).
    mix: {
      clips,
      original,
      ...(range ? { from: range.start / v.fps, duration: (range.end - range.start) / v.fps } : { duration: length.duration }),
      padSilence: true,
      loudnessLufs: req.loudnessLufs,
    },
    trim: range && plan.length ? { start: range.start - plan[0].start, frames: range.end - range.start } : undefined,
    language: req.language ?? req.lipsync?.language,
  };
}

/**
 * Renders one language in chunks. A chunk is a content-addressed file that appears only when
 * complete, so a crash (even kill -9) loses at most the chunk in progress, and an edit re-renders
 * only the chunks whose key changed.
 */
export async function exportLanguage(req: ExportRequest): Promise<ExportSummary> {
  const started = performance.now();
  const planned = await planExport(req);
  const { video: v, full, plan, todo, chunkPath, encode, lipsync, frames } = planned;
  const stages = await buildStageChain(lipsync);
  const meter = new ProgressMeter(
    plan.reduce((n, c) => n + c.end - c.start, 0),
    (p) => req.onProgress?.(p),
  );
  const context: StageContext = {
    videoPath: req.video,
    width: v.width,
    height: v.height,
    fps: v.fps,
    frameCount: frames,
    audioPath: planned.audioPath,
    audioOffset: 0,
    options: { ...lipsync, batchSize: req.batchSize ?? 8 },
    warn: (m) => req.onWarning?.(m),
    signal: req.signal,
    phase: firstPhases(req.onPhase),
  };
  let done = 0;
  for (const chunk of plan) {
    req.signal?.throwIfAborted();
    const path = chunkPath(chunk);
    const reused = !todo.includes(chunk);
    if (!reused) {
      const base = done;
      await renderChunk({
        video: req.video,
        info: v,
        sourceFrames: v.frameCount,
        range: chunk,
        stages,
        context,
        encode,
        out: path,
        batchSize: req.batchSize ?? 8,
        onFrame: (n) => meter.update(base + n),
        signal: req.signal,
      });
      if (req.only) await removeSuperseded(req.workDir, chunk, full);
    }
    done += chunk.end - chunk.start;
    meter.update(done, true);
    req.onChunk?.({ chunk, reused, path });
  }
  if (req.only) return summary(req, frames, plan.length, todo.length, started);
  req.onPhase?.('assembling');
  await assembleChunks(plan.map(chunkPath), req.out, encode, planned.mix, planned.language, planned.trim);
  const subtitles = subtitlesOf(req, planned);
  if (subtitles) await writeSubtitles(subtitles);
  return summary(req, frames, plan.length, todo.length, started);
}

/** The subtitle file of an export: `<name>.<lang>.srt|vtt` beside the video, its cues on the output's own timeline (an In–Out export starts at 0). */
export function subtitlesOf(req: ExportRequest, planned: ExportPlan): SubtitleJob | undefined {
  if (!req.subtitles) return undefined;
  const { format, segments } = req.subtitles;
  const cues = cuesFor(segments, planned.mix.from ?? 0, planned.mix.duration);
  return { path: subtitlePathFor(req.out, planned.language ?? 'und', format), cues, format };
}

export interface SubtitleJob {
  path: string;
  cues: Cue[];
  format: SubtitleFormat;
}

/** Writes what subtitlesOf planned (here, or on the farm worker that assembles). */
export async function writeSubtitles(s: SubtitleJob): Promise<void> {
  await writeSubtitleFile(s.path, s.cues, s.format);
}

function summary(req: ExportRequest, frames: number, chunks: number, rendered: number, started: number): ExportSummary {
  const out = req.only ? '' : req.out;
  return { out, frames, chunks, reused: chunks - rendered, rendered, seconds: (performance.now() - started) / 1000 };
}

import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { RedubError } from '../errors';
import type { AudioMix } from '../media/audio-mix';
import { DEFAULT_ENCODE, encoderArgs, type EncodeSettings } from '../media/encoders';
import { sweepStalePartials } from '../media/partials';
import { validateDubInput, validateOutputPath, validateVideoInput } from '../media/validate';
import { renderChunk } from '../export/render-chunk';
import { ProgressMeter, type Progress } from '../pipeline/progress';
import type { StageContext } from '../pipeline/stage';
import { buildStageChain, type LipsyncRequest } from '../stages';
import { outputLength, type DurationPolicy } from './duration-policy';
import { dubSpeakerPlan, type DubSpeakerChoice, type DubSpeakerPlan } from '../speakers/dub-speakers';

export interface DubRequest extends DubSpeakerChoice {
  video: string;
  audio: string;
  out: string;
  /** Where the dub starts on the video's timeline, seconds. */
  offset?: number;
  policy?: DurationPolicy;
  lipsync?: LipsyncRequest;
  encode?: EncodeSettings;
  batchSize?: number;
  onProgress?(p: Progress): void;
  onWarning?(message: string): void;
  /** What the run is doing ("analysing faces", "rendering"), with progress where known. */
  onPhase?(phase: string, progress?: Progress): void;
  signal?: AbortSignal;
}

export interface DubSummary {
  out: string;
  frames: number;
  heldFrames: number;
  duration: number;
  fps: number;
  width: number;
  height: number;
  lipsync: string;
  seconds: number;
  warnings: string[];
  /** With --speakers auto: each stretch of dub speech and the speaker it went to. */
  speakerLines?: DubSpeakerPlan['assigned'];
}

/** Same file on disk (also through a symlink or hard link); false when either does not exist. */
async function sameFile(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return !!sa && !!sb && sa.dev === sb.dev && sa.ino === sb.ino;
}

/** `--out` naming an input would replace the user's source with the dub once the run succeeds. */
async function refuseOverwritingInputs(req: DubRequest): Promise<void> {
  for (const [input, what] of [
    [req.video, 'video'],
    [req.audio, 'dub audio'],
  ]) {
    if (await sameFile(input, req.out)) {
      throw new RedubError(
        'INVALID_ARGUMENT',
        `is the ${what} input itself: writing would destroy it; choose another output file`,
        req.out,
      );
    }
  }
}

/** Replaces a video's audio with a dub, streaming every frame through the lip-sync stage chain. */
export async function runDub(req: DubRequest): Promise<DubSummary> {
  const started = performance.now();
  const warnings: string[] = [];
  // The output first (a folder, a bad extension, a codec the container cannot hold), then the
  // inputs: every mistake is found before the first frame is decoded.
  await validateOutputPath(req.out, { kind: 'video' });
  await sweepStalePartials(dirname(req.out));
  encoderArgs(req.encode ?? DEFAULT_ENCODE, req.out);
  await refuseOverwritingInputs(req);
  const source = await validateVideoInput(req.video);
  const dub = await validateDubInput(req.audio);
  const v = source.video;
  const offset = req.offset ?? 0;
  const length = outputLength(req.policy ?? 'cut', v.frameCount, v.fps, offset + dub.duration);
  if (offset + dub.duration <= 0 || offset >= length.duration) {
    // Otherwise the output is silent (or, with `cut`, has no audio stream at all).
    const span = `0–${length.duration.toFixed(2)} s`;
    throw new RedubError(
      'INVALID_ARGUMENT',
      `at --offset ${offset} s the dub (${dub.duration.toFixed(2)} s) falls entirely outside the output (${span})`,
      req.audio,
    );
  }
  const mix: AudioMix = {
    clips: [{ file: req.audio, start: offset }],
    duration: length.duration,
    padSilence: length.padSilence,
  };
  const base = req.lipsync ?? { engine: 'none' };
  const speakers = await dubSpeakerPlan(req, { ...req, offset, frames: length.frames, engine: base.engine });
  try {
    const lipsync = speakers ? { ...base, speakers: speakers.lines } : base;
    const summary = await render(req, { source: v, length, mix, lipsync, offset, warnings, started });
    return speakers ? { ...summary, speakerLines: speakers.assigned } : summary;
  } finally {
    await speakers?.dispose();
  }
}

interface RenderPlan {
  source: Awaited<ReturnType<typeof validateVideoInput>>['video'];
  length: ReturnType<typeof outputLength>;
  mix: AudioMix;
  lipsync: NonNullable<DubRequest['lipsync']>;
  offset: number;
  warnings: string[];
  started: number;
}

async function render(req: DubRequest, { source: v, length, mix, lipsync, offset, warnings, started }: RenderPlan): Promise<DubSummary> {
  const stages = await buildStageChain(lipsync);
  const meter = new ProgressMeter(length.frames, (p) => req.onProgress?.(p));
  const context: StageContext = {
    videoPath: req.video,
    width: v.width,
    height: v.height,
    fps: v.fps,
    frameCount: length.frames,
    audioPath: req.audio,
    audioOffset: offset,
    options: { ...lipsync, batchSize: req.batchSize ?? 8 },
    warn: (m) => {
      warnings.push(m);
      req.onWarning?.(m);
    },
    signal: req.signal,
    phase: req.onPhase,
  };
  const count = await renderChunk({
    video: req.video,
    info: v,
    sourceFrames: v.frameCount,
    range: { start: 0, end: length.frames },
    stages,
    context,
    encode: req.encode ?? DEFAULT_ENCODE,
    out: req.out,
    audio: mix,
    batchSize: req.batchSize ?? 8,
    onFrame: (n) => meter.update(n),
    signal: req.signal,
  });
  meter.update(count, true);
  return {
    out: req.out,
    frames: count,
    heldFrames: length.heldFrames,
    duration: count / v.fps,
    fps: v.fps,
    width: v.width,
    height: v.height,
    lipsync: lipsync.engine,
    seconds: (performance.now() - started) / 1000,
    warnings,
  };
}

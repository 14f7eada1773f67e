import { melSpectrogramOfFile, type MelSpectrogram } from '../../audio-features/mel';
import { RedubError } from '../../errors';
import type { FaceTrack, TrackedFace } from '../../face/types';
import { headPose, mouthOpenness, mouthShape } from './mouth-shape';
import { CandidateIndex } from './candidate-index';
import { alignScript, type ScriptSpan, type VisemeEvent } from './script-align';
import { applyVisemes } from './visemes';
import { fitMouthModel, predictMouth, shapeAt, type MouthModel } from './mouth-model';
import { fitPca, project } from './mouth-space';
import { speechFeatures, type SpeechFeatures } from './speech-features';
import { selectBankFrames, type BankFrame, type TargetFrame } from './unit-selection';
import { nextPicture, pictureOrigins } from './repeats';

/** Below this much tracked face there is not enough mouth variety to dub with. */
export const MIN_BANK_SECONDS = 2;

export interface PlanRequest {
  videoPath: string;
  track: FaceTrack;
  dubPath: string;
  /** Where the dub starts on the output timeline, seconds. */
  dubOffset: number;
  /** Frames of the output (may exceed the source: held frames). */
  outputFrames: number;
  /** What is said where (output timeline), e.g. the dub's subtitle cues: visemes follow it. */
  script?: ScriptSpan[];
  /** espeak-ng voice of the dub's language for the script (e.g. "es", "de", "en-gb"). */
  language?: string;
}

export interface LipsyncPlan {
  /** For each output frame, the source frame whose mouth it shows. */
  choice: Int32Array;
  /** For each output frame, whether the dub is silent there. */
  silent: Uint8Array;
  /**
   * For each output frame, the mouth the dub asks for, in mouthShape() coordinates (LIP_CONTOUR
   * x/y pairs relative to the mouth-corner midpoint, de-rotated, in face heights). The renderer
   * warps the chosen mouth toward it where they differ.
   */
  target: Float32Array[];
  bankFrames: number;
  /** How the audio → mouth model was fitted on this source (see mouth-model.ts). */
  model: MouthModel['fit'] & { lead: number };
  /** The script's visemes as aligned to the dub (empty without a script, or where it did not align). */
  visemes: VisemeEvent[];
}

/** The main speaker's face on frame i of the track (the last frame for held frames). */
export function mainFaceAt(track: FaceTrack, i: number): TrackedFace | undefined {
  const frame = track.frames[Math.min(i, track.frames.length - 1)];
  return frame?.faces.find((f) => f.trackId === track.mainTrackId);
}

/** Source audio features are compacted to this many principal components for matching. */
const AUDIO_COMPONENTS = 4;

/** The source's own audio, undefined when it has none (decoded directly: a probe first cost another ffprobe start). */
async function sourceMel(path: string): Promise<MelSpectrogram | undefined> {
  const mel = await melSpectrogramOfFile(path, { optional: true });
  return mel.frames > 1 ? mel : undefined;
}

interface SourceFrame {
  sourceIndex: number;
  landmarks: Float32Array;
  openness: number;
}

/** Every frame with the main face, in order. */
function trackedFrames(track: FaceTrack): SourceFrame[] {
  const out: SourceFrame[] = [];
  track.frames.forEach((_, i) => {
    const face = mainFaceAt(track, i);
    if (face) out.push({ sourceIndex: i, landmarks: face.landmarks, openness: mouthOpenness(face.landmarks) });
  });
  return out;
}

/**
 * The fewest tracked frames to learn a mouth from: MIN_BANK_SECONDS in whole frames, rounded down
 * so that a clip of exactly that length passes at any frame rate (2 s of 29.97 fps holds 59 frames).
 */
export function minBankFrames(fps: number): number {
  return Math.floor(MIN_BANK_SECONDS * fps + 1e-6);
}

/**
 * The tracked frames to learn from: each picture once (a repeated frame shows the moment before
 * its own sound) and no mouth open during the source's silence (yawns, breaths). Those filters
 * are for quality only: where one would leave fewer than the minimum (a clip barely long
 * enough), it is skipped rather than refusing a clip that qualifies.
 */
function sourceFrames(tracked: SourceFrame[], origin: Int32Array, source: SpeechFeatures | undefined, min: number): SourceFrame[] {
  const unique = tracked.filter((f) => origin[f.sourceIndex] === f.sourceIndex);
  const pictures = unique.length >= min ? unique : tracked;
  if (!source) return pictures;
  const kept = pictures.filter((f) => !(source.silent[f.sourceIndex] && f.openness > 0.02));
  return kept.length >= min ? kept : pictures;
}

function trainMouthModel(frames: SourceFrame[], source: SpeechFeatures | undefined): MouthModel {
  return fitMouthModel({
    shapes: frames.map((f) => mouthShape(f.landmarks)),
    openness: frames.map((f) => f.openness),
    frames: frames.map((f) => f.sourceIndex),
    bands: source?.bands,
    silent: source?.silent,
  });
}

/** Chooses, for every output frame, a frame of the speaker's own mouth that fits the dub there. */
export async function planBuiltinLipsync(req: PlanRequest): Promise<LipsyncPlan> {
  const { track } = req;
  const [srcMel, dubMel] = await Promise.all([sourceMel(req.videoPath), melSpectrogramOfFile(req.dubPath)]);
  const source = srcMel && speechFeatures(srcMel, track.fps, track.frames.length);
  const tracked = trackedFrames(track);
  const min = minBankFrames(track.fps);
  if (tracked.length < min) {
    // Rounded down: 1.96 s must not read as the "2.0 s" it falls short of.
    const seconds = (Math.floor((tracked.length / track.fps) * 10) / 10).toFixed(1);
    throw new RedubError(
      'NO_FACE',
      `the built-in lip-sync needs at least ${MIN_BANK_SECONDS} s of tracked face to learn the speaker's mouth; found ${seconds} s`,
      req.videoPath,
    );
  }
  const origin = pictureOrigins(track);
  const frames = sourceFrames(tracked, origin, source, min);
  const model = trainMouthModel(frames, source);
  const dub = speechFeatures(dubMel, track.fps, req.outputFrames, req.dubOffset);
  const wanted = predictMouth(model, dub.bands, dub.silent);
  // Source and dub audio compared in the source's main audio directions (each normalised per speaker).
  const audioSpace =
    source &&
    fitPca(
      frames.map((f) => source.frames[f.sourceIndex]),
      AUDIO_COMPONENTS,
    );
  const audioOf = (v: Float32Array | undefined) => (audioSpace && v ? project(audioSpace, v) : new Float32Array(0));
  const bank: BankFrame[] = frames.map((f) => ({
    mouth: project(model.space, mouthShape(f.landmarks)),
    audio: audioOf(source?.frames[f.sourceIndex]),
    sourceIndex: f.sourceIndex,
    next: nextPicture(origin, f.sourceIndex),
    pose: headPose(f.landmarks),
  }));
  keepOwnSound(wanted, bank, source, dub);
  const events = req.script?.length && req.language ? await scriptVisemes(req.script, req.language, dubMel, req.dubOffset) : [];
  const visemes = applyVisemes(
    wanted.map((c) => shapeAt(model, c)),
    events,
    track.fps,
    { closed: shapeAt(model, model.closed), open: shapeAt(model, model.open) },
  );
  const targets: TargetFrame[] = visemes.shapes.map((shape, i) => ({
    mouth: project(model.space, shape),
    mouthWeight: visemes.weights[i],
    audio: audioOf(dub.frames[i]),
    silent: dub.silent[i] === 1,
    pose: poseAt(track, i),
  }));
  const { choice, target } = holdingRepeats(origin, targets, visemes.shapes, (kept) =>
    selectBankFrames(kept, bank, { mouthScale: Math.sqrt(model.space.variances[0]) }).map((j) => bank[j].sourceIndex),
  );
  return {
    choice,
    silent: dub.silent,
    target,
    bankFrames: bank.length,
    model: { ...model.fit, lead: model.lead },
    visemes: events,
  };
}

/**
 * Selection over the output frames whose source picture is new; a frame that repeats the one
 * before (origin) keeps that frame's mouth and target. The runs of bank frames then advance one
 * picture per new picture, as the source's own mouth did (bank frames skip repeats too: `next`).
 */
function holdingRepeats(
  origin: Int32Array,
  targets: TargetFrame[],
  shapes: Float32Array[],
  select: (kept: TargetFrame[]) => Int32Array,
): { choice: Int32Array; target: Float32Array[] } {
  const isNew = (i: number) => i >= origin.length || origin[i] === i;
  const kept = targets.map((_, i) => i).filter(isNew);
  const picks = select(kept.map((i) => targets[i]));
  const choice = new Int32Array(targets.length);
  const target = shapes.slice();
  kept.forEach((i, k) => (choice[i] = picks[k]));
  for (let i = 0; i < targets.length; i++) {
    if (isNew(i)) continue;
    choice[i] = choice[origin[i]];
    target[i] = target[origin[i]];
  }
  return { choice, target };
}

/** Mean squared difference per feature below which a dub frame is the source's own sound. */
const SAME_SOUND = 1e-4;

/**
 * Where the dub plays the source's own recording (the original audio kept, or re-used), the
 * source's own mouth at that sound is the truth: it replaces the prediction there.
 */
function keepOwnSound(wanted: Float32Array[], bank: BankFrame[], source: SpeechFeatures | undefined, dub: SpeechFeatures): void {
  if (!source || !bank.length) return;
  const dims = source.frames[0].length;
  const points = new Float32Array(bank.length * dims);
  bank.forEach((b, j) => points.set(source.frames[b.sourceIndex], j * dims));
  const index = new CandidateIndex(points, dims);
  const ones = new Float32Array(dims).fill(1);
  wanted.forEach((_, i) => {
    const hit = index.nearest(dub.frames[i], ones, 1);
    if (hit.costs[0] / dims < SAME_SOUND) wanted[i] = Float32Array.from(bank[hit.ids[0]].mouth);
  });
}

async function scriptVisemes(script: ScriptSpan[], language: string, dub: MelSpectrogram, offset: number): Promise<VisemeEvent[]> {
  const out: VisemeEvent[] = [];
  for (const span of script) out.push(...(await alignScript(span, language, dub, offset)));
  return out;
}

function poseAt(track: FaceTrack, i: number): Float32Array | undefined {
  const face = mainFaceAt(track, i);
  return face && headPose(face.landmarks);
}

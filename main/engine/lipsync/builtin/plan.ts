import { melSpectrogramOfFile, type MelSpectrogram } from '../../audio-features/mel';
import { RedubError } from '../../errors';
import type { FaceTrack, TrackedFace } from '../../face/types';
import { probeMedia } from '../../media/probe';
import { headPose, mouthOpenness, mouthShape } from './mouth-shape';
import { speechFeatures, type SpeechFeatures } from './speech-features';
import { selectBankFrames, type BankFrame, type TargetFrame } from './unit-selection';

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
}

export interface LipsyncPlan {
  /** For each output frame, the source frame whose mouth it shows. */
  choice: Int32Array;
  /** For each output frame, whether the dub is silent there. */
  silent: Uint8Array;
  bankFrames: number;
}

/** The main speaker's face on frame i of the track (the last frame for held frames). */
export function mainFaceAt(track: FaceTrack, i: number): TrackedFace | undefined {
  const frame = track.frames[Math.min(i, track.frames.length - 1)];
  return frame?.faces.find((f) => f.trackId === track.mainTrackId);
}

/**
 * Without the source's own speech, fall back to loudness alone: the rank of a frame's mouth
 * openness in the bank stands for the rank of its loudness.
 */
function rankFeature(values: ArrayLike<number>): Float32Array[] {
  const order = Array.from(values, (v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const rank = new Float32Array(values.length);
  order.forEach(([, i], r) => (rank[i] = values.length > 1 ? (r / (values.length - 1)) * 2 - 1 : 0));
  return Array.from(rank, (r) => Float32Array.of(r));
}

async function sourceMel(path: string): Promise<MelSpectrogram | undefined> {
  const info = await probeMedia(path);
  return info.audio.length ? melSpectrogramOfFile(path) : undefined;
}

function buildBank(track: FaceTrack, source: SpeechFeatures | undefined): BankFrame[] {
  const faces = track.frames.map((_, i) => mainFaceAt(track, i));
  const openness = faces.map((f) => (f ? mouthOpenness(f.landmarks) : 0));
  const audio = source?.frames ?? rankFeature(openness);
  const bank: BankFrame[] = [];
  faces.forEach((face, i) => {
    if (!face || (source && source.silent[i] && openness[i] > 0.02)) return;
    bank.push({
      audio: audio[i],
      mouth: mouthShape(face.landmarks),
      openness: openness[i],
      sourceIndex: i,
      pose: headPose(face.landmarks),
    });
  });
  return bank;
}

/** Chooses, for every output frame, a frame of the speaker's own mouth that fits the dub there. */
export async function planBuiltinLipsync(req: PlanRequest): Promise<LipsyncPlan> {
  const { track } = req;
  const srcMel = await sourceMel(req.videoPath);
  const source = srcMel && speechFeatures(srcMel, track.fps, track.frames.length);
  const bank = buildBank(track, source);
  if (bank.length < MIN_BANK_SECONDS * track.fps) {
    const seconds = (bank.length / track.fps).toFixed(1);
    throw new RedubError(
      'NO_FACE',
      `the built-in lip-sync needs at least ${MIN_BANK_SECONDS} s of tracked face to learn the speaker's mouth; found ${seconds} s`,
      req.videoPath,
    );
  }
  const dub = speechFeatures(await melSpectrogramOfFile(req.dubPath), track.fps, req.outputFrames, req.dubOffset);
  const dubAudio = source ? dub.frames : rankFeature(dub.loudnessDb);
  const targets: TargetFrame[] = dubAudio.map((audio, i) => ({ audio, silent: dub.silent[i] === 1, pose: poseAt(track, i) }));
  const picks = selectBankFrames(targets, bank);
  return { choice: Int32Array.from(picks, (j) => bank[j].sourceIndex), silent: dub.silent, bankFrames: bank.length };
}

function poseAt(track: FaceTrack, i: number): Float32Array | undefined {
  const face = mainFaceAt(track, i);
  return face && headPose(face.landmarks);
}

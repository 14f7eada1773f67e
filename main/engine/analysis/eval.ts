import { analyzeVideo, type AnalyzeOptions } from '../face/analyze';
import { decodeAudio } from '../media/audio-decode';
import { opennessSeries, landmarkJitter } from './face-series';
import { bestLagCorrelation } from './lagged-correlation';
import { frameLoudnessDb } from './loudness';
import { compareWithReference, type ReferenceComparison } from './reference-compare';
import { aucMannWhitney } from './stats';
import { compareWithTruth, type TruthComparison } from './truth-compare';
import { DEFAULT_VAD, speechFrames, type VadOptions } from './vad';

export interface EvalRequest {
  video: string;
  /** The audio the lips should follow. */
  audio: string;
  /** The original (undubbed) video: what must not change is measured against it. */
  reference?: string;
  /** A ground-truth video of the same audio: the mouth it should have. */
  truth?: string;
  analyze?: AnalyzeOptions;
  vad?: VadOptions;
  /** Lower-face mask dilation, as a fraction of face height. */
  maskMargin?: number;
}

/** Measures against the reference (README.md in this folder defines each); absent without one. */
type ReferenceFields = { [K in keyof ReferenceComparison]?: ReferenceComparison[K] };

export interface EvalResult extends ReferenceFields {
  frames: number;
  fps: number;
  /** Frames where the main speaker's face was found. */
  faceFrames: number;
  speechFrames: number;
  silentFrames: number;
  /** P(openness on a speech frame > on a silent frame): 0.5 = unrelated, ~0.8 = in sync. */
  speechSilenceAuc: number;
  /** Pearson correlation of mouth openness with audio loudness (dB) per frame, lag 0. */
  loudnessCorrelation: number;
  /** The same, best within ±2 frames, and its lag (> 0: the lips lead the sound). */
  loudnessBestCorrelation: number;
  loudnessBestLag: number;
  /** Mean eye-corner motion per frame, in face heights. */
  landmarkJitter: number;
  /** Against --truth; absent without one. */
  truth?: TruthComparison;
  seconds: number;
}

const AUDIO_RATE = 16000;

/** Lip-sync quality measures of a video against the audio it should follow (and a reference / truth video). */
export async function evaluateLipSync(req: EvalRequest): Promise<EvalResult> {
  const started = performance.now();
  // Each video is analysed once (and cached by content); every measure reuses the tracks.
  const track = await analyzeVideo(req.video, req.analyze);
  const refTrack = req.reference ? await analyzeVideo(req.reference, req.analyze) : undefined;
  const truthTrack = req.truth ? await analyzeVideo(req.truth, req.analyze) : undefined;
  const samples = await decodeAudio(req.audio, { sampleRate: AUDIO_RATE, channels: 1 });
  const loudness = frameLoudnessDb(samples, AUDIO_RATE, track.fps, track.frames.length);
  const speech = speechFrames(loudness, req.vad ?? DEFAULT_VAD);
  const open = opennessSeries(track);
  const seen = open.map((_, i) => i).filter((i) => Number.isFinite(open[i]));
  const talking = seen.filter((i) => speech[i]).map((i) => open[i]);
  const silent = seen.filter((i) => !speech[i]).map((i) => open[i]);
  const loud = bestLagCorrelation(open, loudness);
  const reference = refTrack && (await compareWithReference(req.video, req.reference!, track, refTrack, req.maskMargin));
  return {
    frames: track.frames.length,
    fps: track.fps,
    faceFrames: seen.length,
    speechFrames: talking.length,
    silentFrames: silent.length,
    speechSilenceAuc: aucMannWhitney(talking, silent),
    loudnessCorrelation: loud.r,
    loudnessBestCorrelation: loud.best,
    loudnessBestLag: loud.lag,
    ...reference,
    landmarkJitter: landmarkJitter(track),
    truth: truthTrack && compareWithTruth(track, truthTrack),
    seconds: (performance.now() - started) / 1000,
  };
}

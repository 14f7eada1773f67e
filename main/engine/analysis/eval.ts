import { analyzeVideo, type AnalyzeOptions } from '../face/analyze';
import { decodeAudio } from '../media/audio-decode';
import { opennessSeries, landmarkJitter } from './face-series';
import { frameLoudnessDb } from './loudness';
import { psnrOutsideLowerFace } from './reference-psnr';
import { aucMannWhitney, pearson } from './stats';
import { DEFAULT_VAD, speechFrames, type VadOptions } from './vad';

export interface EvalRequest {
  video: string;
  /** The audio the lips should follow. */
  audio: string;
  /** The original video: PSNR outside the lower face is measured against it. */
  reference?: string;
  analyze?: AnalyzeOptions;
  vad?: VadOptions;
  /** Lower-face mask dilation, as a fraction of face height. */
  maskMargin?: number;
}

export interface EvalResult {
  frames: number;
  fps: number;
  /** Frames where the main speaker's face was found. */
  faceFrames: number;
  speechFrames: number;
  silentFrames: number;
  /** P(openness on a speech frame > on a silent frame): 0.5 = unrelated, ~0.8 = in sync. */
  speechSilenceAuc: number;
  /** Pearson correlation of mouth openness with audio loudness (dB) per frame. */
  loudnessCorrelation: number;
  /** dB; Infinity when identical outside the mask; absent without a reference. */
  psnrOutsideLowerFace?: number;
  /** Mean eye-corner motion per frame, in face heights. */
  landmarkJitter: number;
  seconds: number;
}

const AUDIO_RATE = 16000;

/** Lip-sync quality measures of a video against the audio it should follow. */
export async function evaluateLipSync(req: EvalRequest): Promise<EvalResult> {
  const started = performance.now();
  const track = await analyzeVideo(req.video, req.analyze);
  const samples = await decodeAudio(req.audio, { sampleRate: AUDIO_RATE, channels: 1 });
  const loudness = frameLoudnessDb(samples, AUDIO_RATE, track.fps, track.frames.length);
  const speech = speechFrames(loudness, req.vad ?? DEFAULT_VAD);
  const open = opennessSeries(track);
  const seen = open.map((_, i) => i).filter((i) => Number.isFinite(open[i]));
  const talking = seen.filter((i) => speech[i]).map((i) => open[i]);
  const silent = seen.filter((i) => !speech[i]).map((i) => open[i]);
  const psnr = req.reference ? await psnrOutsideLowerFace(req.video, req.reference, track, req.maskMargin) : undefined;
  return {
    frames: track.frames.length,
    fps: track.fps,
    faceFrames: seen.length,
    speechFrames: talking.length,
    silentFrames: silent.length,
    speechSilenceAuc: aucMannWhitney(talking, silent),
    loudnessCorrelation: pearson(
      seen.map((i) => open[i]),
      seen.map((i) => loudness[i]),
    ),
    psnrOutsideLowerFace: psnr,
    landmarkJitter: landmarkJitter(track),
    seconds: (performance.now() - started) / 1000,
  };
}

import { decodeAudio } from '../media/audio-decode';
import { Dft, hannPeriodic } from './dft';
import { melFilterbank, type MelFilterbank } from './mel-filters';

/**
 * Mel spectrogram in the Wav2Lip convention (docs/reference.md §2), which the
 * Wav2Lip-family ONNX models were trained on: any deviation (window, padding, scaling)
 * silently degrades lip-sync, so every constant below is the reference's.
 */
export const MEL = {
  sampleRate: 16000,
  preemphasis: 0.97,
  nFft: 800,
  hop: 200,
  win: 800,
  bands: 80,
  fmin: 55,
  fmax: 7600,
  refLevelDb: 20,
  minLevelDb: -100,
  maxAbs: 4,
  /** Columns per model input window. */
  windowColumns: 16,
  /** Mel columns per second (16000 / 200). */
  columnsPerSecond: 80,
} as const;

export interface MelSpectrogram {
  bands: number;
  /** Number of columns = 1 + ⌊samples / hop⌋. */
  frames: number;
  /** [bands × frames] row-major (band major), normalised to [−4, 4]. */
  data: Float32Array;
}

let filterbank: MelFilterbank | undefined;

export function wav2lipFilterbank(): MelFilterbank {
  filterbank ??= melFilterbank(MEL.sampleRate, MEL.nFft, MEL.bands, MEL.fmin, MEL.fmax);
  return filterbank;
}

/** y[n] = x[n] − 0.97·x[n−1] (scipy lfilter([1, −k], [1], x)). */
function preemphasise(x: Float32Array): Float64Array {
  const y = new Float64Array(x.length);
  for (let n = 0; n < x.length; n++) y[n] = x[n] - (n > 0 ? MEL.preemphasis * x[n - 1] : 0);
  return y;
}

/** numpy 'reflect' (edge not repeated), repeated for pads longer than the signal. */
function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  const j = ((i % period) + period) % period;
  return j < n ? j : period - j;
}

/** librosa.stft(center=True, pad_mode='reflect'): frames centred on t·hop. */
function centredFrame(y: Float64Array, t: number, window: Float64Array, out: Float64Array): void {
  const start = t * MEL.hop - (MEL.nFft >> 1);
  for (let n = 0; n < MEL.nFft; n++) {
    const i = start + n;
    const v = y.length === 0 ? 0 : y[i >= 0 && i < y.length ? i : reflectIndex(i, y.length)];
    out[n] = v * window[n];
  }
}

/** dB relative to ref_level_db, then the symmetric [−4, 4] normalisation. */
function normalise(mel: number): number {
  const db = 20 * Math.log10(Math.max(1e-5, mel)) - MEL.refLevelDb;
  const v = (2 * MEL.maxAbs * (db - MEL.minLevelDb)) / -MEL.minLevelDb - MEL.maxAbs;
  return Math.min(MEL.maxAbs, Math.max(-MEL.maxAbs, v));
}

/** 16 kHz mono samples → normalised 80-band mel spectrogram. */
export function melSpectrogram(samples: Float32Array): MelSpectrogram {
  const y = preemphasise(samples);
  const frames = 1 + Math.floor(samples.length / MEL.hop);
  const fb = wav2lipFilterbank();
  const dft = new Dft(MEL.nFft);
  const window = hannPeriodic(MEL.win);
  const frame = new Float64Array(MEL.nFft);
  const mag = new Float64Array(fb.nBins);
  const data = new Float32Array(MEL.bands * frames);
  for (let t = 0; t < frames; t++) {
    centredFrame(y, t, window, frame);
    dft.magnitudes(frame, mag);
    for (let b = 0; b < MEL.bands; b++) {
      const row = b * fb.nBins;
      const [k0, k1] = fb.support[b];
      let acc = 0;
      for (let k = k0; k <= k1; k++) acc += fb.weights[row + k] * mag[k];
      data[b * frames + t] = normalise(acc);
    }
  }
  return { bands: MEL.bands, frames, data };
}

/** First mel column for video frame i: ⌊i·80/fps⌋, clamped so that 16 columns fit. */
export function melWindowStart(mel: MelSpectrogram, i: number, fps: number): number {
  const start = Math.floor((i * MEL.columnsPerSecond) / fps);
  return Math.max(0, Math.min(start, mel.frames - MEL.windowColumns));
}

/**
 * The model input for video frame i: [80 × 16] band major (as [1,1,80,16]).
 * At the end of the clip the last 16 columns are used; a clip shorter than 16 columns
 * is padded with silence (−4).
 */
export function melWindowForFrame(mel: MelSpectrogram, i: number, fps: number): Float32Array {
  const cols = MEL.windowColumns;
  const start = melWindowStart(mel, i, fps);
  const out = new Float32Array(mel.bands * cols).fill(-MEL.maxAbs);
  const n = Math.min(cols, mel.frames - start);
  for (let b = 0; b < mel.bands; b++) {
    out.set(mel.data.subarray(b * mel.frames + start, b * mel.frames + start + n), b * cols);
  }
  return out;
}

/** Decodes any media file's audio (16 kHz mono) and computes its mel spectrogram. */
export async function melSpectrogramOfFile(
  path: string,
  o: { start?: number; duration?: number; optional?: boolean } = {},
): Promise<MelSpectrogram> {
  return melSpectrogram(await decodeAudio(path, { sampleRate: MEL.sampleRate, channels: 1, ...o }));
}

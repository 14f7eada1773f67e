import { percentile } from '../../analysis/stats';
import { MEL, wav2lipFilterbank, type MelSpectrogram } from '../../audio-features/mel';
import { bandCentres } from '../../audio-features/mel-filters';

/**
 * Per-video-frame speech features for unit selection: cepstra (DCT of the log-mel, which the
 * Wav2Lip mel already is), their deltas and the frame's loudness. Normalised per speaker
 * (mean and variance over the track), so the source speaker's bank and a dub voice compare.
 */
export interface SpeechFeatures {
  /** One vector per video frame. */
  frames: Float32Array[];
  /** Loudness per frame, in dB relative to the track's speech level (0 = typical speech). */
  loudnessDb: Float32Array;
  /** True where the frame is silence (pause, breath). */
  silent: Uint8Array;
  /**
   * Broad-band log energies per frame (all, 250–1000, 1000–3000, 3000–7600 Hz): each in units of
   * 10 dB relative to that band's own speech level (its 90th percentile over the track), floored
   * at −3.5. Relative per band, so the level, the microphone's colour and the voice cancel out:
   * the inputs of the audio → mouth model.
   */
  bands: Float32Array[];
}

/** Broad bands (Hz) of `SpeechFeatures.bands`; the first is the whole spectrum. */
export const BANDS_HZ: readonly [number, number][] = [
  [0, Infinity],
  [250, 1000],
  [1000, 3000],
  [3000, Infinity],
];
const BAND_FLOOR_DB = -35;

const CEPSTRA = 13;
/** Mel columns on each side of a video frame's centre (12.5 ms each: ~60 ms in all). */
const HALF_WINDOW = 2;
/** One unit of the normalised mel is 12.5 dB (100 dB span mapped to 8 units). */
const DB_PER_UNIT = -MEL.minLevelDb / (2 * MEL.maxAbs);
/** Frames this far below the speech level are silence. */
const SILENCE_BELOW_SPEECH_DB = 28;

let dctTable: Float64Array | undefined;

/** DCT-II basis, [CEPSTRA × bands], orthonormal. */
function dct(): Float64Array {
  if (dctTable) return dctTable;
  const n = MEL.bands;
  dctTable = new Float64Array(CEPSTRA * n);
  for (let k = 0; k < CEPSTRA; k++) {
    const scale = Math.sqrt((k === 0 ? 1 : 2) / n);
    for (let b = 0; b < n; b++) dctTable[k * n + b] = scale * Math.cos((Math.PI * k * (b + 0.5)) / n);
  }
  return dctTable;
}

/** Mean normalised-mel vector around video frame i (frames before the audio's start read as silence). */
function meanColumn(mel: MelSpectrogram, centre: number): Float64Array {
  const out = new Float64Array(mel.bands);
  let n = 0;
  for (let c = centre - HALF_WINDOW; c <= centre + HALF_WINDOW; c++) {
    const inside = c >= 0 && c < mel.frames;
    for (let b = 0; b < mel.bands; b++) out[b] += inside ? mel.data[b * mel.frames + c] : -MEL.maxAbs;
    n++;
  }
  for (let b = 0; b < mel.bands; b++) out[b] /= n;
  return out;
}

function cepstra(column: Float64Array): Float64Array {
  const basis = dct();
  const out = new Float64Array(CEPSTRA);
  for (let k = 0; k < CEPSTRA; k++) {
    let s = 0;
    for (let b = 0; b < column.length; b++) s += basis[k * column.length + b] * column[b];
    out[k] = s;
  }
  return out;
}

/** Loudness of a column as the log of its mean linear energy, in dB. */
function columnDb(column: Float64Array): number {
  let e = 0;
  for (const v of column) e += 10 ** ((v * DB_PER_UNIT) / 10);
  return 10 * Math.log10(e / column.length);
}

let bandRanges: [number, number][] | undefined;

/** Mel band index ranges [first, last) of BANDS_HZ. */
function melRanges(): [number, number][] {
  if (bandRanges) return bandRanges;
  const centres = Array.from(bandCentres(wav2lipFilterbank()));
  bandRanges = BANDS_HZ.map(([lo, hi]) => {
    const first = centres.findIndex((c) => c >= lo);
    const last = centres.findIndex((c) => c >= hi);
    return [first, last < 0 ? centres.length : last];
  });
  return bandRanges;
}

/** Per-band dB of each column, relative to that band's speech level, in units of 10 dB. */
function relativeBands(columns: Float64Array[]): Float32Array[] {
  const ranges = melRanges();
  const db = ranges.map(([a, b]) => Float32Array.from(columns, (c) => columnDb(c.subarray(a, b))));
  const levels = db.map((band) => (band.length ? percentile(band, 90) : 0));
  return columns.map((_, i) => Float32Array.from(db, (band, k) => Math.max(BAND_FLOOR_DB, band[i] - levels[k]) / 10));
}

/** Standardises each dimension over the track (cepstral mean and variance normalisation). */
function normalisePerSpeaker(rows: Float64Array[]): Float32Array[] {
  const dims = rows[0]?.length ?? 0;
  const mean = new Float64Array(dims);
  const sq = new Float64Array(dims);
  for (const r of rows) r.forEach((v, d) => ((mean[d] += v), (sq[d] += v * v)));
  const std = mean.map((m, d) => Math.sqrt(Math.max(1e-9, sq[d] / rows.length - (m / rows.length) ** 2)));
  mean.forEach((m, d) => (mean[d] = m / rows.length));
  return rows.map((r) => Float32Array.from(r, (v, d) => (v - mean[d]) / std[d]));
}

/**
 * Features for `count` video frames at `fps`; frame i of the video sees the audio at
 * i/fps − offset (the dub may start later on the timeline).
 */
export function speechFeatures(mel: MelSpectrogram, fps: number, count: number, offset = 0): SpeechFeatures {
  const columns = Array.from({ length: count }, (_, i) => meanColumn(mel, Math.round((i / fps - offset) * MEL.columnsPerSecond)));
  const loud = Float32Array.from(columns, columnDb);
  const speechLevel = count ? percentile(loud, 90) : 0;
  const loudnessDb = loud.map((v) => v - speechLevel);
  const silent = Uint8Array.from(loudnessDb, (v) => (v < -SILENCE_BELOW_SPEECH_DB ? 1 : 0));
  const ceps = columns.map(cepstra);
  const rows = ceps.map((c, i) => {
    const prev = ceps[Math.max(0, i - 1)];
    const next = ceps[Math.min(ceps.length - 1, i + 1)];
    const row = new Float64Array(CEPSTRA * 2 + 1);
    row.set(c, 0);
    for (let k = 0; k < CEPSTRA; k++) row[CEPSTRA + k] = (next[k] - prev[k]) / 2;
    row[CEPSTRA * 2] = loudnessDb[i];
    return row;
  });
  return { frames: count ? normalisePerSpeaker(rows) : [], loudnessDb, silent, bands: relativeBands(columns) };
}

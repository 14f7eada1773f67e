import { percentile } from '../../analysis/stats';
import { MEL, melSpectrogram, type MelSpectrogram } from '../../audio-features/mel';
import { espeakPhonemes, espeakRender } from './espeak';
import { visemeOf, type Viseme } from './visemes';

/**
 * Aligns a segment's script to the dub: espeak-ng renders the text with a pause after every
 * word (so its word boundaries are known; phonemes share a word by nominal length), and dynamic
 * time warping of cepstra maps that rendering onto the dub's audio in the segment's span.
 * Returns the visemes on the output timeline, or nothing when the alignment is not convincing
 * (text in another language than the dub, a wrong cue): then the audio alone drives the lips.
 */
export interface ScriptSpan {
  /** Output timeline seconds. */
  start: number;
  end: number;
  text: string;
}

export interface VisemeEvent {
  /** Output timeline seconds. */
  start: number;
  end: number;
  viseme: Viseme;
  phoneme: string;
}

const COLUMNS = MEL.columnsPerSecond;
const CEPSTRA = 13;
const DB_PER_UNIT = -MEL.minLevelDb / (2 * MEL.maxAbs);
/** Columns this far under the speech level are pauses. */
const PAUSE_DB = 30;
/** A pause at least this long separates words in the reference rendering. */
const WORD_PAUSE_S = 0.2;
/**
 * Path cost / cost of unrelated frames above which the script does not match the dub. Measured
 * on espeak-ng dubs (en, es, de; another speed and pitch than the reference): the right text
 * scores 0.18–0.25, a wrong one 0.71–0.76, and wrong texts against real speech 0.82–0.84. A
 * real voice with the right text sits between (no transcribed real speech here to measure).
 */
const MAX_ALIGNMENT_RATIO = 0.6;
/** Longer spans are not aligned (the cost matrix is R × D). */
const MAX_SPAN_S = 30;

function columnDb(mel: MelSpectrogram, c: number): number {
  let e = 0;
  for (let b = 0; b < mel.bands; b++) e += 10 ** ((mel.data[b * mel.frames + c] * DB_PER_UNIT) / 10);
  return 10 * Math.log10(e / mel.bands);
}

/** Per column: cepstra (DCT-II of the log-mel), then mean/variance normalised over the columns. */
function cepstra(mel: MelSpectrogram, cols: number[]): Float32Array[] {
  const n = mel.bands;
  const rows = cols.map((c) =>
    Float32Array.from({ length: CEPSTRA }, (_, k) => {
      let s = 0;
      for (let b = 0; b < n; b++) s += mel.data[b * mel.frames + c] * Math.cos((Math.PI * k * (b + 0.5)) / n);
      return s;
    }),
  );
  for (let k = 0; k < CEPSTRA; k++) {
    const m = rows.reduce((s, r) => s + r[k], 0) / rows.length;
    const sd = Math.sqrt(rows.reduce((s, r) => s + (r[k] - m) ** 2, 0) / rows.length) || 1;
    rows.forEach((r) => (r[k] = (r[k] - m) / sd));
  }
  return rows;
}

function dist(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] - b[k]) ** 2;
  return Math.sqrt(s);
}

/** Speech runs (column ranges) of the reference, split at pauses of WORD_PAUSE_S or more. */
function speechRuns(mel: MelSpectrogram): [number, number][] {
  const db = Array.from({ length: mel.frames }, (_, c) => columnDb(mel, c));
  const floor = percentile(db, 90) - PAUSE_DB;
  const runs: [number, number][] = [];
  let start = -1;
  let quiet = 0;
  for (let c = 0; c <= mel.frames; c++) {
    const speech = c < mel.frames && db[c] >= floor;
    if (speech) {
      if (start < 0) start = c;
      quiet = 0;
    } else if (start >= 0 && (++quiet >= WORD_PAUSE_S * COLUMNS || c === mel.frames)) {
      runs.push([start, c - quiet + 1]);
      start = -1;
    }
  }
  return runs;
}

/** Nominal relative length of a phoneme: vowels (long ones more) outlast consonants. */
function nominalLength(p: string): number {
  const v = visemeOf(p);
  const vowel = /^[aeiouyAEIOUVY0@&369]/.test(p);
  return (vowel ? 2 : 1) * (p.includes(':') ? 1.5 : 1) * (v === 'closed' ? 1.2 : 1);
}

interface RefPhoneme {
  /** Reference columns [start, end) after the pauses are cut out. */
  start: number;
  end: number;
  phoneme: string;
}

/** The reference's speech columns (pauses cut) and where each phoneme lies in them. */
function layoutReference(mel: MelSpectrogram, words: string[][]): { cols: number[]; phonemes: RefPhoneme[] } {
  const runs = speechRuns(mel);
  // Words ↔ runs one to one when espeak paused after every word; otherwise one run for all.
  const groups: { run: [number, number]; phonemes: string[] }[] =
    runs.length === words.length
      ? runs.map((run, i) => ({ run, phonemes: words[i] }))
      : runs.length
        ? [{ run: [runs[0][0], runs[runs.length - 1][1]], phonemes: words.flat() }]
        : [];
  const cols: number[] = [];
  const phonemes: RefPhoneme[] = [];
  for (const g of groups) {
    const total = g.phonemes.reduce((s, p) => s + nominalLength(p), 0);
    const width = g.run[1] - g.run[0];
    let at = 0;
    for (const p of g.phonemes) {
      const len = (nominalLength(p) / total) * width;
      phonemes.push({ start: cols.length + at, end: cols.length + at + len, phoneme: p });
      at += len;
    }
    for (let c = g.run[0]; c < g.run[1]; c++) cols.push(c);
  }
  return { cols, phonemes };
}

/** DTW path as, per reference column, the first and last dub column it maps to; plus its mean step cost. */
function dtw(ref: Float32Array[], dub: Float32Array[]): { first: Int32Array; last: Int32Array; meanCost: number } {
  const r = ref.length;
  const d = dub.length;
  const acc = new Float64Array(r * d);
  const steps = new Int32Array(r * d);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < d; j++) {
      const c = dist(ref[i], dub[j]);
      let best = 0;
      let n = 0;
      if (i > 0 || j > 0) {
        const up = i > 0 ? acc[(i - 1) * d + j] : Infinity;
        const left = j > 0 ? acc[i * d + j - 1] : Infinity;
        const diag = i > 0 && j > 0 ? acc[(i - 1) * d + j - 1] : Infinity;
        best = Math.min(up, left, diag);
        n = best === diag ? steps[(i - 1) * d + j - 1] : best === up ? steps[(i - 1) * d + j] : steps[i * d + j - 1];
      }
      acc[i * d + j] = best + c;
      steps[i * d + j] = n + 1;
    }
  }
  const first = new Int32Array(r).fill(d);
  const last = new Int32Array(r).fill(-1);
  let i = r - 1;
  let j = d - 1;
  while (i >= 0 && j >= 0) {
    first[i] = Math.min(first[i], j);
    last[i] = Math.max(last[i], j);
    if (i === 0 && j === 0) break;
    const diag = i > 0 && j > 0 ? acc[(i - 1) * d + j - 1] : Infinity;
    const up = i > 0 ? acc[(i - 1) * d + j] : Infinity;
    const left = j > 0 ? acc[i * d + j - 1] : Infinity;
    if (diag <= up && diag <= left) [i, j] = [i - 1, j - 1];
    else if (up <= left) i--;
    else j--;
  }
  return { first, last, meanCost: acc[r * d - 1] / steps[r * d - 1] };
}

/** Mean distance between reference and dub columns paired at random: what "unrelated" costs. */
function unrelatedCost(ref: Float32Array[], dub: Float32Array[]): number {
  let s = 0;
  const n = 400;
  for (let k = 0; k < n; k++) s += dist(ref[(k * 7919) % ref.length], dub[(k * 104729) % dub.length]);
  return s / n;
}

/** The dub's speech columns inside [start, end) of its own time (leading and trailing pauses trimmed). */
function dubColumns(mel: MelSpectrogram, start: number, end: number): number[] {
  const c0 = Math.max(0, Math.round(start * COLUMNS));
  const c1 = Math.min(mel.frames, Math.round(end * COLUMNS));
  if (c1 - c0 < 4) return [];
  const db = Array.from({ length: c1 - c0 }, (_, k) => columnDb(mel, c0 + k));
  const floor = percentile(db, 90) - PAUSE_DB;
  const a = db.findIndex((v) => v >= floor);
  const b = db.length - 1 - [...db].reverse().findIndex((v) => v >= floor);
  return a < 0 ? [] : Array.from({ length: b - a + 1 }, (_, k) => c0 + a + k);
}

/**
 * Visemes of one script span on the output timeline. `offset`: where the dub starts on the
 * output timeline. `voice`: an espeak-ng voice (the dub's language, e.g. "es", "de", "en").
 */
export async function alignScript(span: ScriptSpan, voice: string, dub: MelSpectrogram, offset: number): Promise<VisemeEvent[]> {
  if (span.end - span.start > MAX_SPAN_S || !span.text.trim()) return [];
  const words = await espeakPhonemes(span.text, voice);
  const samples = words?.length ? await espeakRender(span.text, voice, MEL.sampleRate) : undefined;
  if (!words || !samples) return [];
  const refMel = melSpectrogram(samples);
  const ref = layoutReference(refMel, words);
  const dubCols = dubColumns(dub, span.start - offset, span.end - offset);
  if (ref.cols.length < 4 || dubCols.length < 4) return [];
  const a = cepstra(refMel, ref.cols);
  const b = cepstra(dub, dubCols);
  const path = dtw(a, b);
  if (path.meanCost / unrelatedCost(a, b) > MAX_ALIGNMENT_RATIO) return [];
  const toTime = (col: number) => dubCols[Math.min(dubCols.length - 1, Math.max(0, col))] / COLUMNS + offset;
  return ref.phonemes.map((p) => {
    const r0 = Math.min(a.length - 1, Math.floor(p.start));
    const r1 = Math.min(a.length - 1, Math.max(r0, Math.ceil(p.end) - 1));
    return { start: toTime(path.first[r0]), end: toTime(path.last[r1] + 1), viseme: visemeOf(p.phoneme), phoneme: p.phoneme };
  });
}

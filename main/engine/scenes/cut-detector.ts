import type { VideoFrame } from '../pipeline/frame';

/** Luma histogram bins: coarse enough that noise and small motion leave it unchanged. */
const BINS = 32;
/** Coarse luma grid (GRID × GRID cells): catches cuts between shots with similar histograms. */
const GRID = 8;
/** Recent differences the adaptive threshold looks at (frames). */
const WINDOW = 25;
/** A cut differs from its neighbours by at least this much (0..1), whatever the window says. */
const MIN_SCORE = 0.2;
/** …and by this many times the window's typical (median) difference plus its spread. */
const ADAPTIVE_K = 4;
/** Two cuts closer than this (frames) are one cut and a flash or a dissolve step. */
const MIN_SHOT = 6;

export interface FrameSignature {
  histogram: Float32Array;
  grid: Float32Array;
  /** Standard deviation of luma (0..1): near 0 for a black or blank frame. */
  spread: number;
}

/** A frame this flat (black, white, one colour) is a gap between pictures, not a shot. */
const BLANK_SPREAD = 0.02;

/** Luma histogram (normalised) and a coarse grid of mean luma (0..1), sampling every `step` px. */
export function frameSignature(frame: VideoFrame): FrameSignature {
  const { width: w, height: h, data } = frame;
  const histogram = new Float32Array(BINS);
  const grid = new Float32Array(GRID * GRID);
  const counts = new Float32Array(GRID * GRID);
  const step = Math.max(1, Math.floor(Math.min(w, h) / 96));
  let n = 0,
    sum = 0,
    sq = 0;
  for (let y = 0; y < h; y += step) {
    const gy = Math.min(GRID - 1, Math.floor((y * GRID) / h));
    for (let x = 0; x < w; x += step) {
      const k = 3 * (y * w + x);
      const luma = (77 * data[k] + 150 * data[k + 1] + 29 * data[k + 2]) >> 8;
      histogram[(luma * BINS) >> 8]++;
      const cell = gy * GRID + Math.min(GRID - 1, Math.floor((x * GRID) / w));
      grid[cell] += luma / 255;
      counts[cell]++;
      sum += luma / 255;
      sq += (luma / 255) ** 2;
      n++;
    }
  }
  for (let i = 0; i < BINS; i++) histogram[i] /= n;
  for (let i = 0; i < grid.length; i++) grid[i] /= Math.max(1, counts[i]);
  return { histogram, grid, spread: Math.sqrt(Math.max(0, sq / n - (sum / n) ** 2)) };
}

/** 0 (same picture) … 1 (nothing alike): half the histogram L1 distance and 4× the mean grid change, averaged. */
export function signatureDistance(a: FrameSignature, b: FrameSignature): number {
  let hist = 0;
  for (let i = 0; i < BINS; i++) hist += Math.abs(a.histogram[i] - b.histogram[i]);
  let grid = 0;
  for (let i = 0; i < a.grid.length; i++) grid += Math.abs(a.grid[i] - b.grid[i]);
  return (hist / 2 + Math.min(1, (4 * grid) / a.grid.length)) / 2;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

/**
 * Hard scene cuts, one frame at a time (streaming, constant memory). A frame starts a new shot
 * when it differs from the previous frame far more than frames of the last second differed from
 * each other: the threshold adapts, so a handheld or fast-moving shot does not read as a cut
 * while a cut between two calm, similarly lit shots still does.
 */
export class CutDetector {
  private previous: FrameSignature | undefined;
  private recent: number[] = [];
  private lastCut = -Infinity;
  readonly cuts: number[] = [];
  /** Every frame's difference to the previous picture (0 for blank frames; for measurements and tuning). */
  readonly scores: number[] = [];

  /** true when `frame` is the first frame of a new shot (never for the first frame). */
  push(frame: VideoFrame): boolean {
    const sig = frameSignature(frame);
    const prev = this.previous;
    // Black frames (a fade, a dropout) are skipped: the picture after them is compared with the
    // picture before, so the same shot resuming is no cut while a new shot after black is one.
    if (sig.spread < BLANK_SPREAD) {
      if (prev) this.scores.push(0);
      return false;
    }
    this.previous = sig;
    if (!prev) return false;
    const d = signatureDistance(prev, sig);
    this.scores.push(d);
    const typical = median(this.recent);
    const spread = median(this.recent.map((v) => Math.abs(v - typical)));
    const cut = d > MIN_SCORE && d > ADAPTIVE_K * (typical + spread) && frame.index - this.lastCut >= MIN_SHOT;
    // A cut's own difference stays out of the window: it says nothing about motion within the shot.
    if (!cut) this.recent.push(d);
    if (this.recent.length > WINDOW) this.recent.shift();
    if (cut) {
      this.lastCut = frame.index;
      this.cuts.push(frame.index);
    }
    return cut;
  }
}

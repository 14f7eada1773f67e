import type { VideoFrame } from '../pipeline/frame';

/** Luma is sampled every STEP pixels in x and y. */
const STEP = 2;
/** Samples per block side: a block covers BLOCK × STEP pixels (16 × 16). */
const BLOCK = 8;
/**
 * A frame repeats the previous picture when no block's mean absolute luma change reaches this
 * (grey levels). talk5 (frame-rate converted, a repeat every 5–10 frames): repeats ≤ 3.1, its
 * calmest real change 9.0; talk3 (none): ≥ 13.8. Compression noise on a repeat stays spread thin,
 * while any real motion (a lip, a blink) moves some block by far more.
 */
const MAX_BLOCK_CHANGE = 5;

/**
 * Frames that show the same picture as the frame before (frame-rate conversion duplicates, a
 * frozen frame), one frame at a time with one sub-sampled luma plane of memory. Such a frame
 * means the camera showed no change there: the lip-sync keeps the mouth it had (plan.ts).
 */
export class RepeatDetector {
  private previous: Uint8Array | undefined;
  readonly repeats: number[] = [];

  /** true when `frame` (rgb24) repeats the previous frame pushed. */
  push(frame: VideoFrame): boolean {
    const luma = sampledLuma(frame);
    const prev = this.previous;
    this.previous = luma;
    if (!prev || prev.length !== luma.length) return false;
    const repeat = largestBlockChange(prev, luma, Math.ceil(frame.width / STEP)) < MAX_BLOCK_CHANGE;
    if (repeat) this.repeats.push(frame.index);
    return repeat;
  }
}

function sampledLuma(frame: VideoFrame): Uint8Array {
  const { width: w, height: h, data } = frame;
  const sw = Math.ceil(w / STEP);
  const out = new Uint8Array(sw * Math.ceil(h / STEP));
  let o = 0;
  for (let y = 0; y < h; y += STEP) {
    for (let x = 0; x < w; x += STEP) {
      const k = 3 * (y * w + x);
      out[o++] = (77 * data[k] + 150 * data[k + 1] + 29 * data[k + 2]) >> 8;
    }
  }
  return out;
}

/** The largest mean absolute difference over BLOCK × BLOCK sample blocks (partial blocks at the edges are left out). */
function largestBlockChange(a: Uint8Array, b: Uint8Array, width: number): number {
  const height = a.length / width;
  let largest = 0;
  for (let by = 0; by + BLOCK <= height; by += BLOCK) {
    for (let bx = 0; bx + BLOCK <= width; bx += BLOCK) {
      let sum = 0;
      for (let y = by; y < by + BLOCK; y++) {
        for (let k = y * width + bx, end = k + BLOCK; k < end; k++) sum += Math.abs(a[k] - b[k]);
      }
      largest = Math.max(largest, sum / (BLOCK * BLOCK));
    }
  }
  return largest;
}

import { faceHeight } from '../face/geometry';
import { NOSE_LINE } from '../face/mesh-regions';
import type { TrackedFace } from '../face/types';
import { percentile } from './stats';

/** The nose box is the nose-line landmarks' bounding box grown by this share of the face height. */
const PAD = 0.02;
/** Shifts up to this share of the face height are searched (the largest drift the measure can report). */
const SEARCH = 0.03;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const luma = (d: Uint8Array, k: number) => 0.299 * d[k] + 0.587 * d[k + 1] + 0.114 * d[k + 2];

/**
 * How far the nose moved in the image: per frame, the shift (whole pixels: every shift on every
 * third pixel, then the best one's neighbours on all; refined by a parabola) that best lays the reference's nose box (grey levels) onto the
 * video's, in % of the reference face height; then the 95th percentile over frames.
 *
 * Landmark nose drift (nose-drift.ts) is what the face mesh reports, and the 468-point mesh is
 * fitted to the whole face: a new mouth moves its nose points even where not one nose pixel
 * changed (pasting under an unchanged nose: nose pixels as a re-encode's, nose points 1.6 %).
 * This reads the pixels themselves: 0 when the nose is where it was, whatever the mouth does.
 */
export class NoseImageShift {
  private readonly shifts: number[] = [];

  /** `scale` maps reference landmarks to video pixels (frames are already the video's size). */
  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly scale = 1,
  ) {}

  add(video: Uint8Array, reference: Uint8Array, face: TrackedFace | undefined): void {
    if (!face) return;
    const p = face.landmarks;
    const h = faceHeight(p) * this.scale;
    if (!(h > 0)) return;
    const xs = NOSE_LINE.map((k) => p[3 * k] * this.scale);
    const ys = NOSE_LINE.map((k) => p[3 * k + 1] * this.scale);
    const r = Math.max(1, Math.round(SEARCH * h));
    const pad = PAD * h;
    const box = {
      x0: Math.max(r, Math.floor(Math.min(...xs) - pad)),
      y0: Math.max(r, Math.floor(Math.min(...ys) - pad)),
      x1: Math.min(this.width - r, Math.ceil(Math.max(...xs) + pad)),
      y1: Math.min(this.height - r, Math.ceil(Math.max(...ys) + pad)),
    };
    if (box.x1 - box.x0 < 4 || box.y1 - box.y0 < 4) return;
    const planes = { v: this.lumaAround(video, box, r), ref: this.lumaAround(reference, box, r), r, w: box.x1 - box.x0 + 2 * r };
    // Every shift on every third pixel, then the nine around the best one on every pixel.
    const coarse = (dx: number, dy: number) => this.cost(planes, box, dx, dy, 3);
    let start = { dx: 0, dy: 0, c: coarse(0, 0) };
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        const c = dx || dy ? coarse(dx, dy) : start.c;
        if (c < start.c - 1e-9) start = { dx, dy, c };
      }
    }
    const cost = (dx: number, dy: number) => this.cost(planes, box, dx, dy, 1);
    let best = { dx: start.dx, dy: start.dy, c: cost(start.dx, start.dy) };
    for (let dy = Math.max(-r, start.dy - 1); dy <= Math.min(r, start.dy + 1); dy++) {
      for (let dx = Math.max(-r, start.dx - 1); dx <= Math.min(r, start.dx + 1); dx++) {
        const c = cost(dx, dy);
        if (c < best.c - 1e-9) best = { dx, dy, c };
      }
    }
    const refine = (m: number, z: number, q: number) => {
      const d = m - 2 * z + q;
      return d > 0 ? Math.max(-0.5, Math.min(0.5, (m - q) / (2 * d))) : 0;
    };
    const { dx, dy, c } = best;
    // An exact match needs no refining (the parabola through an asymmetric valley would move it).
    const exact = c < 1e-9;
    const fx = !exact && Math.abs(dx) < r ? refine(cost(dx - 1, dy), c, cost(dx + 1, dy)) : 0;
    const fy = !exact && Math.abs(dy) < r ? refine(cost(dx, dy - 1), c, cost(dx, dy + 1)) : 0;
    this.shifts.push((100 * Math.hypot(dx + fx, dy + fy)) / h);
  }

  /** Grey levels of the box grown by r on each side, row by row. */
  private lumaAround(img: Uint8Array, b: Box, r: number): Float32Array {
    const w = b.x1 - b.x0 + 2 * r;
    const out = new Float32Array(w * (b.y1 - b.y0 + 2 * r));
    for (let y = b.y0 - r, o = 0; y < b.y1 + r; y++) {
      for (let x = b.x0 - r; x < b.x1 + r; x++, o++) out[o] = luma(img, 3 * (y * this.width + x));
    }
    return out;
  }

  /** Mean squared grey-level difference of the reference's box and the video's box shifted by (dx, dy), on every `step`-th pixel. */
  private cost(p: { v: Float32Array; ref: Float32Array; r: number; w: number }, b: Box, dx: number, dy: number, step: number): number {
    let [s, n] = [0, 0];
    for (let y = p.r; y < p.r + b.y1 - b.y0; y += step) {
      for (let x = p.r; x < p.r + b.x1 - b.x0; x += step) {
        const d = p.v[(y + dy) * p.w + x + dx] - p.ref[y * p.w + x];
        s += d * d;
        n++;
      }
    }
    return s / n;
  }

  p95(): number {
    return this.shifts.length ? percentile(this.shifts, 95) : NaN;
  }
}

import { faceHeight } from '../face/geometry';
import { NOSE_LINE } from '../face/mesh-regions';
import type { TrackedFace } from '../face/types';
import { percentile } from './stats';

/** The nose box is the nose-line landmarks' bounding box grown by this share of the face height. */
const PAD = 0.02;
/** Shifts up to this share of the face height are searched (the largest drift the measure can report). */
const SEARCH = 0.04;

const luma = (d: Uint8Array, k: number) => 0.299 * d[k] + 0.587 * d[k + 1] + 0.114 * d[k + 2];

/**
 * How far the nose moved in the image: per frame, the shift (whole pixels, refined to a tenth
 * of a pixel by a parabola) that best lays the reference's nose box (grey levels) onto the
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
    const cost = (dx: number, dy: number) => this.cost(video, reference, box, dx, dy);
    let best = { dx: 0, dy: 0, c: cost(0, 0) };
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        const c = dx || dy ? cost(dx, dy) : best.c;
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

  /** Mean squared grey-level difference of the reference's box and the video's box shifted by (dx, dy). */
  private cost(
    video: Uint8Array,
    reference: Uint8Array,
    b: { x0: number; y0: number; x1: number; y1: number },
    dx: number,
    dy: number,
  ): number {
    let s = 0;
    for (let y = b.y0; y < b.y1; y++) {
      for (let x = b.x0; x < b.x1; x++) {
        const d = luma(video, 3 * ((y + dy) * this.width + x + dx)) - luma(reference, 3 * (y * this.width + x));
        s += d * d;
      }
    }
    return s / ((b.x1 - b.x0) * (b.y1 - b.y0));
  }

  p95(): number {
    return this.shifts.length ? percentile(this.shifts, 95) : NaN;
  }
}

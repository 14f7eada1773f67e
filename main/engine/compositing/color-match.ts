import type { FaceMask } from './masks';
import type { RgbImage } from './image';

/** Mask values counted as the ring just outside the pasted region. */
const RING = { min: 0.02, max: 0.5 };

function ringStats(img: RgbImage, mask: FaceMask, inBox: boolean): { mean: number[]; std: number[] } {
  const { box } = mask;
  const w = box.x1 - box.x0;
  const sum = [0, 0, 0], sq = [0, 0, 0];
  let n = 0;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const k = mask.data[(y - box.y0) * w + (x - box.x0)];
      if (k < RING.min || k > RING.max) continue;
      const i = inBox ? ((y - box.y0) * w + (x - box.x0)) * 3 : (y * img.width + x) * 3;
      for (let c = 0; c < 3; c++) {
        sum[c] += img.data[i + c];
        sq[c] += img.data[i + c] ** 2;
      }
      n++;
    }
  }
  const mean = sum.map((s) => s / Math.max(1, n));
  return { mean, std: sq.map((s, c) => Math.sqrt(Math.max(1, s / Math.max(1, n) - mean[c] ** 2))) };
}

/**
 * Matches the pasted box's colour to its surroundings: mean and spread per channel, measured
 * on the soft edge of the mask, where both images show the same skin. Ratios are bounded so a
 * dark edge cannot turn the whole mouth grey.
 */
export function matchColour(frame: RgbImage, pasted: RgbImage, mask: FaceMask): void {
  const target = ringStats(frame, mask, false);
  const source = ringStats(pasted, mask, true);
  const gain = target.std.map((s, c) => Math.min(1.5, Math.max(0.67, s / source.std[c])));
  const lut = [0, 1, 2].map((c) => Uint8Array.from({ length: 256 }, (_, v) => Math.round(Math.min(255, Math.max(0, (v - source.mean[c]) * gain[c] + target.mean[c])))));
  for (let i = 0; i < pasted.data.length; i += 3) {
    for (let c = 0; c < 3; c++) pasted.data[i + c] = lut[c][pasted.data[i + c]];
  }
}

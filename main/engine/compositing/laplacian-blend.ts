import type { FaceMask } from './masks';
import { clampBox, padBox, type Box, type RgbImage } from './image';
import type { MatPool } from './mat-pool';
import type { Cv, Mat } from './opencv';

/**
 * Levels for a region: halve until about 8 px remain (between 1 and 6), so that the coarsest
 * band spreads a brightness step over about the region's size (seam energy on talk1, mask box
 * ~250 px: 2 levels 11.3, 3: 8.4, 4: 6.7, 5: 5.9; alpha blend 13.8).
 */
export function pyramidLevels(width: number, height: number): number {
  return Math.max(1, Math.min(6, Math.floor(Math.log2(Math.min(width, height) / 8))));
}

/**
 * The box a blend works in: the mask's box plus room for the coarse levels, whose mask
 * spreads past the mask (2^levels px covers all but a negligible tail, the mask's box being
 * already padded by its 3σ feather); outside this box the frame stays untouched.
 */
/** The blend box's margin is capped at 32 px: the correction beyond that is below a grey level. */
const MAX_PAD_LOG2 = 5;

export function blendBox(mask: FaceMask, levels: number, width: number, height: number): Box {
  return clampBox(padBox(mask.box, 2 ** Math.min(levels, MAX_PAD_LOG2)), width, height);
}

/** m3 ← mask broadcast to three channels; g ← g·m3 (a colour conversion is OpenCV.js's cheapest broadcast). */
function weigh(cv: Cv, g: Mat, mask: Mat, m3: Mat, into: Mat = g): void {
  cv.cvtColor(mask, m3, cv.COLOR_GRAY2RGB);
  cv.multiply(g, m3, into);
}

/**
 * Multi-band blend of a difference image, in place. Blending source and target pyramids is
 * linear, so it equals target + collapse(Σ M_k·L_k(D)) with D = source − target: one pyramid
 * instead of two. `diff` (CV_32FC3) becomes that collapsed correction; `weights` is CV_32FC1
 * (0..1) of the same size. Intermediates live in `pool` (no allocation after the first frame
 * of a size).
 *
 * Full resolution is where the time goes, so level 0 is rearranged: R0 = M0·(D − up G1) + up R1
 * is taken as M0·D + up(R1 − M1·G1), i.e. M0·up(G1) ≈ up(M1·G1), exact where the (feathered)
 * mask is locally flat. That saves a full-size pyrUp and subtraction (~10 % of the blend).
 */
export function blendDifference(cv: Cv, pool: MatPool, diff: Mat, weights: Mat, levels: number): void {
  const g: Mat[] = [diff];
  const m: Mat[] = [weights];
  for (let k = 1; k <= levels; k++) {
    g.push(pool.get(`level${k}`));
    m.push(pool.get(`weights${k}`));
    cv.pyrDown(g[k - 1], g[k]);
    cv.pyrDown(m[k - 1], m[k]);
  }
  const up = pool.get('up'),
    m3 = pool.get('weights-rgb'),
    mg1 = pool.get('weighted-g1');
  weigh(cv, g[1], m[1], m3, mg1);
  // Laplacian levels 1..n−1 in place, fine to coarse (level k needs Gaussian level k+1 intact).
  for (let k = 1; k < levels; k++) {
    cv.pyrUp(g[k + 1], up, new cv.Size(g[k].cols, g[k].rows));
    cv.subtract(g[k], up, g[k]);
  }
  for (let k = 1; k <= levels; k++) weigh(cv, g[k], m[k], m3);
  for (let k = levels - 1; k >= 1; k--) {
    cv.pyrUp(g[k + 1], up, new cv.Size(g[k].cols, g[k].rows));
    cv.add(g[k], up, g[k]);
  }
  cv.subtract(g[1], mg1, g[1]);
  weigh(cv, diff, weights, m3);
  cv.pyrUp(g[1], up, new cv.Size(diff.cols, diff.rows));
  cv.add(diff, up, diff);
}

/** Plain per-pixel alpha blend with the same mask (the baseline the pyramid is measured against). */
export function alphaBlend(frame: RgbImage, pasted: RgbImage, mask: FaceMask): void {
  const { box } = mask;
  const w = box.x1 - box.x0;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const k = mask.data[(y - box.y0) * w + (x - box.x0)];
      if (k <= 0) continue;
      const f = (y * frame.width + x) * 3,
        p = ((y - box.y0) * w + (x - box.x0)) * 3;
      for (let c = 0; c < 3; c++) frame.data[f + c] = Math.round(frame.data[f + c] * (1 - k) + pasted.data[p + c] * k);
    }
  }
}

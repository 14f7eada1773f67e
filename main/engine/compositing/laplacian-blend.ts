import type { FaceMask } from './masks';
import { clampBox, padBox, type Box, type RgbImage } from './image';
import { MatPool } from './mat-pool';
import { boxInto, maskInto, matToBox } from './mats';
import { loadOpenCv, type Cv, type Mat } from './opencv';

/** Levels for a region: halve until about 16 px remain, between 1 and 6. */
export function pyramidLevels(width: number, height: number): number {
  return Math.max(1, Math.min(6, Math.floor(Math.log2(Math.min(width, height) / 16))));
}

/**
 * The box a blend works in: the mask's box plus room for the coarse levels, whose mask
 * spreads about 2^levels pixels past the mask; outside this box the frame stays untouched.
 */
export function blendBox(mask: FaceMask, levels: number, width: number, height: number): Box {
  return clampBox(padBox(mask.box, 2 ** (levels + 1)), width, height);
}

/**
 * Multi-band blend inside one box, at full resolution. Blending the difference D = source −
 * target is the same as blending the two Laplacian pyramids (the operations are linear) and
 * needs one pyramid instead of two: result = target + collapse(Σ mask_k · Laplacian_k(D)).
 * `target` (CV_8UC3) receives the result; `weights` is CV_32FC1 (0..1) over the same box.
 * All intermediates live in `pool`, so repeated calls at one size allocate nothing.
 */
export function blendMats(cv: Cv, pool: MatPool, target: Mat, source: Mat, weights: Mat, levels: number): void {
  const none = pool.get('none');
  const g: Mat[] = [pool.get('level0')];
  const m: Mat[] = [weights];
  cv.subtract(source, target, g[0], none, cv.CV_32F);
  for (let k = 1; k <= levels; k++) {
    g.push(pool.get(`level${k}`));
    m.push(pool.get(`weights${k}`));
    cv.pyrDown(g[k - 1], g[k]);
    cv.pyrDown(m[k - 1], m[k]);
  }
  // Laplacian levels in place, fine to coarse (level k needs the Gaussian level k+1, still intact).
  const up = pool.get('up'), m3 = pool.get('weights-rgb');
  for (let k = 0; k < levels; k++) {
    cv.pyrUp(g[k + 1], up, new cv.Size(g[k].cols, g[k].rows));
    cv.subtract(g[k], up, g[k]);
  }
  for (let k = 0; k <= levels; k++) {
    // The mask as three channels (a colour conversion is the cheapest broadcast OpenCV.js offers).
    cv.cvtColor(m[k], m3, cv.COLOR_GRAY2RGB);
    cv.multiply(g[k], m3, g[k]);
  }
  // Collapse, coarse to fine.
  for (let k = levels - 1; k >= 0; k--) {
    cv.pyrUp(g[k + 1], up, new cv.Size(g[k].cols, g[k].rows));
    cv.add(g[k], up, g[k]);
  }
  cv.add(target, g[0], target, none, cv.CV_8U);
}

/** Reusable Laplacian compositor state: one pool of Mats per caller (e.g. per stage). */
export class LaplacianBlender {
  private pool?: MatPool;
  private cv?: Cv;

  async init(): Promise<this> {
    this.cv ??= await loadOpenCv();
    this.pool ??= new MatPool(this.cv);
    return this;
  }

  /**
   * Blends `pasted` (box-sized, covering mask.box) into the frame in place. Around the mask's
   * box, inside the blend box, the frame itself stands in for the paste.
   */
  blend(frame: RgbImage, pasted: RgbImage, mask: FaceMask, levels?: number): void {
    const { cv, pool } = this.ready();
    const n = levels ?? pyramidLevels(mask.box.x1 - mask.box.x0, mask.box.y1 - mask.box.y0);
    const box = blendBox(mask, n, frame.width, frame.height);
    const target = boxInto(cv, pool.get('target'), frame, box);
    const source = boxInto(cv, pool.get('source'), frame, box);
    const inner = { x0: mask.box.x0 - box.x0, y0: mask.box.y0 - box.y0, x1: mask.box.x1 - box.x0, y1: mask.box.y1 - box.y0 };
    matToBox(boxInto(cv, pool.get('pasted'), pasted, { x0: 0, y0: 0, x1: pasted.width, y1: pasted.height }), { width: box.x1 - box.x0, height: box.y1 - box.y0, data: source.data }, inner);
    blendMats(cv, pool, target, source, maskInto(cv, pool.get('weights'), mask, box), n);
    matToBox(target, frame, box);
  }

  ready(): { cv: Cv; pool: MatPool } {
    if (!this.cv || !this.pool) throw new Error('LaplacianBlender: call init() first');
    return { cv: this.cv, pool: this.pool };
  }

  release(): void {
    this.pool?.release();
    this.pool = undefined;
  }
}

/** One-off Laplacian blend of a box-sized paste (covering mask.box) into the frame, in place. */
export async function laplacianBlend(frame: RgbImage, pasted: RgbImage, mask: FaceMask, levels?: number): Promise<void> {
  const blender = await new LaplacianBlender().init();
  try {
    blender.blend(frame, pasted, mask, levels);
  } finally {
    blender.release();
  }
}

/** Plain per-pixel alpha blend with the same mask (the baseline the pyramid is measured against). */
export function alphaBlend(frame: RgbImage, pasted: RgbImage, mask: FaceMask): void {
  const { box } = mask;
  const w = box.x1 - box.x0;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const k = mask.data[(y - box.y0) * w + (x - box.x0)];
      if (k <= 0) continue;
      const f = (y * frame.width + x) * 3, p = ((y - box.y0) * w + (x - box.x0)) * 3;
      for (let c = 0; c < 3; c++) frame.data[f + c] = Math.round(frame.data[f + c] * (1 - k) + pasted.data[p + c] * k);
    }
  }
}

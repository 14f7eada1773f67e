import type { Affine } from './align';
import { ringTransfer } from './color-match';
import type { Box, RgbImage } from './image';
import { blendBox, blendDifference, pyramidLevels } from './laplacian-blend';
import { clipMask, type FaceMask } from './masks';
import { MatPool } from './mat-pool';
import { boxInto, maskInto } from './mats';
import { loadOpenCv, type Cv, type Mat } from './opencv';
import { fromBox } from './warp';

/**
 * What gets pasted: a frame-sized image; an aligned crop with its frame → crop matrix; or a
 * patch already in frame pixels covering `box`.
 */
export type Pasted = RgbImage | { crop: RgbImage; matrix: Affine } | { patch: RgbImage; box: Box };

export interface CompositeOptions {
  /** Pyramid levels; default from the mask's size (about 32 px at the coarsest). */
  levels?: number;
  /**
   * Match the paste's colour (mean/std per channel) to the frame on the mask's edge first;
   * 'mean': the mean only (the paste's own contrast kept).
   */
  colorMatch?: boolean | 'mean';
  /** Where the colour match must not look (e.g. lips, whose colour is not the skin's), in frame pixels. */
  colorExclude?: FaceMask;
  /** Warp-back filter for crops: 'linear' (default; 2× faster in WASM) or 'cubic' (sharper when enlarging). */
  interpolation?: 'linear' | 'cubic';
  /** The paste's weight over the frame (1 = the mask as given): blends it over what the frame shows, e.g. a cross-fade. */
  opacity?: number;
}

const sizeOf = (b: Box) => [b.x1 - b.x0, b.y1 - b.y0] as const;

/**
 * Pastes faces into frames at full resolution, inside the padded face box only: the paste is
 * resampled over the mask's box, optionally colour-matched, then Laplacian-blended.
 * Keep one per stage: its Mats are reused from frame to frame; call release() at the end.
 */
export class Compositor {
  private constructor(
    private readonly cv: Cv,
    private readonly pool: MatPool,
  ) {}

  static async create(): Promise<Compositor> {
    const cv = await loadOpenCv();
    return new Compositor(cv, new MatPool(cv));
  }

  /** Composites into `frame` in place (frame: any {width, height, data: RGB24}, e.g. a VideoFrame). */
  composite(frame: RgbImage, pasted: Pasted, faceMask: FaceMask, o: CompositeOptions = {}): void {
    const { cv, pool } = this;
    const mask = clipMask(faceMask, frame.width, frame.height);
    const [mw, mh] = sizeOf(mask.box);
    if (mw <= 0 || mh <= 0) return;
    const levels = o.levels ?? pyramidLevels(mw, mh);
    const box = blendBox(mask, levels, frame.width, frame.height);
    const [bw, bh] = sizeOf(box);
    const target8 = boxInto(cv, pool.get('target'), frame, box);
    const weights = maskInto(cv, pool.get('weights'), mask, box);
    const inner = new cv.Rect(mask.box.x0 - box.x0, mask.box.y0 - box.y0, mw, mh);
    // The paste only counts inside the mask's box, so only that part of the target goes to floats.
    const [target8In, weightsIn] = [target8.roi(inner), weights.roi(inner)];
    const targetIn = pool.get('target-f');
    target8In.convertTo(targetIn, cv.CV_32F);
    const diff = pool.sized('diff', bh, bw, cv.CV_32FC3);
    const diffIn = diff.roi(inner);
    try {
      const source = this.source(pasted, mask.box, o.interpolation ?? 'linear');
      if (o.colorMatch) this.matchColour(source, targetIn, weightsIn, mask.box, o);
      // The paste only counts inside the mask's box; around it (inside the blend box) D = 0.
      diff.setTo(new cv.Scalar(0, 0, 0, 0));
      cv.subtract(source, targetIn, diffIn);
    } finally {
      for (const v of [target8In, weightsIn, diffIn]) v.delete();
    }
    // After the colour match, whose ring is where the mask itself is between 0.02 and 0.5.
    if (o.opacity !== undefined && o.opacity < 1) weights.convertTo(weights, -1, o.opacity, 0);
    blendDifference(cv, pool, diff, weights, levels);
    writeSum(frame, box, target8.data as Uint8Array, diff.data32F as Float32Array);
  }

  /** The paste over `box` as CV_32FC3. */
  private source(pasted: Pasted, box: Box, interpolation: 'linear' | 'cubic'): Mat {
    const { cv, pool } = this;
    const out = pool.get('source');
    if ('patch' in pasted) {
      const whole = { x0: 0, y0: 0, x1: pasted.patch.width, y1: pasted.patch.height };
      const at = { x0: box.x0 - pasted.box.x0, y0: box.y0 - pasted.box.y0, x1: box.x1 - pasted.box.x0, y1: box.y1 - pasted.box.y0 };
      if (at.x0 < 0 || at.y0 < 0 || at.x1 > whole.x1 || at.y1 > whole.y1)
        throw new Error('compositeFace: the patch does not cover the mask box');
      boxInto(cv, pool.get('source-8'), pasted.patch, at).convertTo(out, cv.CV_32F);
    } else if (!('crop' in pasted)) {
      boxInto(cv, pool.get('source-8'), pasted, box).convertTo(out, cv.CV_32F);
    } else {
      // Float in and out: OpenCV.js's warpAffine is faster on floats than on bytes.
      const { crop, matrix } = pasted;
      const src = pool.get('crop-f');
      boxInto(cv, pool.get('crop'), crop, { x0: 0, y0: 0, x1: crop.width, y1: crop.height }).convertTo(src, cv.CV_32F);
      const m = pool.sized('matrix', 2, 3, cv.CV_64FC1);
      (m.data64F as Float64Array).set(fromBox(matrix, box));
      const flags = (interpolation === 'cubic' ? cv.INTER_CUBIC : cv.INTER_LINEAR) | cv.WARP_INVERSE_MAP;
      cv.warpAffine(src, out, m, new cv.Size(box.x1 - box.x0, box.y1 - box.y0), flags, cv.BORDER_REPLICATE);
    }
    return out;
  }

  /** Mean/std transfer measured on the mask's edge, applied to the whole paste (one cv.transform). */
  private matchColour(source: Mat, target: Mat, weights: Mat, box: Box, opts: CompositeOptions): void {
    const { cv, pool } = this;
    const bounds = { lo: pool.get('ring-lo'), hi: pool.get('ring-hi') };
    const tr = ringTransfer(cv, target, source, weights, pool.get('ring'), bounds, {
      meanOnly: opts.colorMatch === 'mean',
      exclude: opts.colorExclude && this.outside(opts.colorExclude, box),
    });
    const m = pool.sized('colour-matrix', 3, 4, cv.CV_32FC1);
    const [g, o] = [tr.gain, tr.offset];
    (m.data32F as Float32Array).set([g[0], 0, 0, o[0], 0, g[1], 0, o[1], 0, 0, g[2], o[2]]);
    cv.transform(source, source, m);
  }

  /** CV_8UC1 over `box`: 255 where `mask` is (nearly) 0, 0 elsewhere. */
  private outside(mask: FaceMask, box: Box): Mat {
    const { cv, pool } = this;
    const f = maskInto(cv, pool.get('exclude-f'), mask, box);
    const out = pool.get('exclude');
    cv.threshold(f, f, 0.02, 1, cv.THRESH_BINARY_INV);
    f.convertTo(out, cv.CV_8U, 255);
    return out;
  }

  release(): void {
    this.pool.release();
  }
}

/**
 * frame[box] = target + correction, rounded and clamped by a Uint8ClampedArray view: a single
 * pass instead of OpenCV.js's float → byte conversion (3× slower here) plus a copy back.
 */
function writeSum(frame: RgbImage, box: Box, target: Uint8Array, diff: Float32Array): void {
  const out = new Uint8ClampedArray(frame.data.buffer, frame.data.byteOffset, frame.data.length);
  const rowLen = (box.x1 - box.x0) * 3;
  for (let y = box.y0, i = 0; y < box.y1; y++) {
    const start = (y * frame.width + box.x0) * 3;
    for (let x = 0; x < rowLen; x++, i++) out[start + x] = target[i] + diff[i];
  }
}

/** One-off compositeFace for callers without a Compositor (allocates and frees its Mats). */
export async function compositeFace(frame: RgbImage, pasted: Pasted, mask: FaceMask, o: CompositeOptions = {}): Promise<void> {
  const c = await Compositor.create();
  try {
    c.composite(frame, pasted, mask, o);
  } finally {
    c.release();
  }
}

/** One-off Laplacian blend of a patch covering mask.box (frame pixels) into the frame, in place. */
export async function laplacianBlend(frame: RgbImage, patch: RgbImage, mask: FaceMask, levels?: number): Promise<void> {
  await compositeFace(frame, { patch, box: mask.box }, mask, { levels });
}

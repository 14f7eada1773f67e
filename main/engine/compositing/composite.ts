import type { Affine } from './align';
import { applyTransfer, ringTransfer } from './color-match';
import type { RgbImage } from './image';
import { blendBox, blendMats, pyramidLevels } from './laplacian-blend';
import type { FaceMask } from './masks';
import { MatPool } from './mat-pool';
import { boxInto, maskInto, matToBox } from './mats';
import { loadOpenCv, type Cv, type Mat } from './opencv';
import { fromBox } from './warp';

/** What gets pasted: a whole frame-sized image, or an aligned crop with its frame → crop matrix. */
export type Pasted = RgbImage | { crop: RgbImage; matrix: Affine };

export interface CompositeOptions {
  /** Pyramid levels; default from the mask's size (about 16 px at the coarsest). */
  levels?: number;
  /** Match the paste's colour (mean/std per channel) to the frame on the mask's edge first. */
  colorMatch?: boolean;
}

/**
 * Pastes faces into frames: crop warped back (bicubic) only over the blend box, optional colour
 * matching, Laplacian-pyramid blend, all at full frame resolution inside the padded face box.
 * Keep one per stage: its Mats are reused from frame to frame; call release() at the end.
 */
export class Compositor {
  private constructor(private readonly cv: Cv, private readonly pool: MatPool) {}

  static async create(): Promise<Compositor> {
    const cv = await loadOpenCv();
    return new Compositor(cv, new MatPool(cv));
  }

  /** Composites into `frame` in place (frame: any {width, height, data: RGB24}). */
  composite(frame: RgbImage, pasted: Pasted, mask: FaceMask, o: CompositeOptions = {}): void {
    const { cv, pool } = this;
    const levels = o.levels ?? pyramidLevels(mask.box.x1 - mask.box.x0, mask.box.y1 - mask.box.y0);
    const box = blendBox(mask, levels, frame.width, frame.height);
    if (box.x1 <= box.x0 || box.y1 <= box.y0) return;
    const target = boxInto(cv, pool.get('target'), frame, box);
    const source = this.source(pasted, box);
    const weights = maskInto(cv, pool.get('weights'), mask, box);
    if (o.colorMatch) {
      const tr = ringTransfer(cv, target, source, weights, pool.get('ring'));
      applyTransfer({ width: source.cols, height: source.rows, data: source.data }, tr);
    }
    blendMats(cv, pool, target, source, weights, levels);
    matToBox(target, frame, box);
  }

  private source(pasted: Pasted, box: { x0: number; y0: number; x1: number; y1: number }): Mat {
    const { cv, pool } = this;
    if (!('crop' in pasted)) return boxInto(cv, pool.get('source'), pasted, box);
    const { crop, matrix } = pasted;
    const src = boxInto(cv, pool.get('crop'), crop, { x0: 0, y0: 0, x1: crop.width, y1: crop.height });
    const m = pool.get('matrix');
    if (m.rows !== 2 || m.cols !== 3) m.create(2, 3, cv.CV_64FC1);
    (m.data64F as Float64Array).set(fromBox(matrix, box));
    const out = pool.get('source');
    cv.warpAffine(src, out, m, new cv.Size(box.x1 - box.x0, box.y1 - box.y0), cv.INTER_CUBIC | cv.WARP_INVERSE_MAP, cv.BORDER_REPLICATE);
    return out;
  }

  release(): void {
    this.pool.release();
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

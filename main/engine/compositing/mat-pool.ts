import type { Cv, Mat } from './opencv';

/**
 * Named Mats kept between frames. OpenCV reuses a Mat's buffer when an operation writes the
 * same size and type into it, so after the first frame of a given face size nothing is
 * allocated on the WASM heap; release() frees everything.
 */
export class MatPool {
  private readonly mats = new Map<string, Mat>();

  constructor(private readonly cv: Cv) {}

  /** The Mat called `name`, empty the first time (OpenCV sizes it on first write). */
  get(name: string): Mat {
    let m = this.mats.get(name);
    if (!m) this.mats.set(name, (m = new this.cv.Mat()));
    return m;
  }

  /** The Mat called `name`, allocated as rows×cols of `type` (contents undefined). */
  sized(name: string, rows: number, cols: number, type: number): Mat {
    const m = this.get(name);
    if (m.rows !== rows || m.cols !== cols || m.type() !== type) m.create(rows, cols, type);
    return m;
  }

  release(): void {
    for (const m of this.mats.values()) if (!m.isDeleted()) m.delete();
    this.mats.clear();
  }
}

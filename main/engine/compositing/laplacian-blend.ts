import type { FaceMask } from './masks';
import type { RgbImage } from './image';
import { boxToMat, floatMat, matToBox } from './mats';
import { loadOpenCv, withMats, type Cv, type Mat } from './opencv';

/** Levels for a box: down to about 16 px at the coarsest, at most 7. */
export function pyramidLevels(width: number, height: number): number {
  return Math.max(1, Math.min(7, Math.floor(Math.log2(Math.min(width, height) / 16))));
}

function gaussianPyramid(cv: Cv, base: Mat, levels: number, track: (m: Mat) => Mat): Mat[] {
  const pyr = [base];
  for (let i = 0; i < levels; i++) {
    const down = track(new cv.Mat());
    cv.pyrDown(pyr[i], down);
    pyr.push(down);
  }
  return pyr;
}

function up(cv: Cv, m: Mat, like: Mat, track: (m: Mat) => Mat): Mat {
  const out = track(new cv.Mat());
  cv.pyrUp(m, out, new cv.Size(like.cols, like.rows));
  return out;
}

/** a·(1−w) + b·w, per pixel; w is a 3-channel weight. */
function mix(cv: Cv, a: Mat, b: Mat, w: Mat, track: (m: Mat) => Mat): Mat {
  const inv = track(new cv.Mat());
  const ones = track(new cv.Mat(w.rows, w.cols, w.type(), new cv.Scalar(1, 1, 1, 1)));
  cv.subtract(ones, w, inv);
  const pa = track(new cv.Mat()), pb = track(new cv.Mat()), out = track(new cv.Mat());
  cv.multiply(a, inv, pa);
  cv.multiply(b, w, pb);
  cv.add(pa, pb, out);
  return out;
}

function toFloat(cv: Cv, m: Mat, track: (m: Mat) => Mat): Mat {
  const f = track(new cv.Mat());
  m.convertTo(f, cv.CV_32FC3);
  return f;
}

function weight3(cv: Cv, mask: FaceMask, track: (m: Mat) => Mat): Mat {
  const { box } = mask;
  const single = track(floatMat(cv, mask.data, box.x1 - box.x0, box.y1 - box.y0));
  const channels = track(new cv.MatVector());
  for (let i = 0; i < 3; i++) channels.push_back(single);
  const w = track(new cv.Mat());
  cv.merge(channels, w);
  return w;
}

/**
 * Multi-band blend of `pasted` (the box's new content) into the frame: low frequencies mix
 * over a wide band, fine detail over a narrow one, so brightness differences fade out without
 * a visible seam and without blurring. Works inside the mask's box at full resolution.
 */
export async function laplacianBlend(frame: RgbImage, pasted: RgbImage, mask: FaceMask, levels?: number): Promise<void> {
  const cv = await loadOpenCv();
  const { box } = mask;
  const [w, h] = [box.x1 - box.x0, box.y1 - box.y0];
  const n = levels ?? pyramidLevels(w, h);
  withMats((track) => {
    const a = toFloat(cv, track(boxToMat(cv, frame, box)), track);
    const b = toFloat(cv, track(boxToMat(cv, pasted, { x0: 0, y0: 0, x1: w, y1: h })), track);
    const ga = gaussianPyramid(cv, a, n, track);
    const gb = gaussianPyramid(cv, b, n, track);
    const gm = gaussianPyramid(cv, weight3(cv, mask, track), n, track);
    let result = mix(cv, ga[n], gb[n], gm[n], track);
    for (let i = n - 1; i >= 0; i--) {
      const la = track(new cv.Mat()), lb = track(new cv.Mat()), sum = track(new cv.Mat());
      cv.subtract(ga[i], up(cv, ga[i + 1], ga[i], track), la);
      cv.subtract(gb[i], up(cv, gb[i + 1], gb[i], track), lb);
      cv.add(up(cv, result, ga[i], track), mix(cv, la, lb, gm[i], track), sum);
      result = sum;
    }
    const out = track(new cv.Mat());
    result.convertTo(out, cv.CV_8UC3);
    matToBox(out, frame, box);
  });
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

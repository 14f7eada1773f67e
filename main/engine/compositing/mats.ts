import type { FaceMask } from './masks';
import type { Box, RgbImage } from './image';
import type { Cv, Mat } from './opencv';

/** Copies a box of an RGB image into a new CV_8UC3 Mat (row by row: no whole-frame copy). */
export function boxToMat(cv: Cv, img: RgbImage, b: Box): Mat {
  return boxInto(cv, new cv.Mat(), img, b);
}

/** Writes a CV_8UC3 Mat back into a box of the image. */
export function matToBox(m: Mat, img: RgbImage, b: Box): void {
  const w = b.x1 - b.x0,
    h = b.y1 - b.y0;
  for (let y = 0; y < h; y++) img.data.set(m.data.subarray(y * w * 3, (y + 1) * w * 3), ((b.y0 + y) * img.width + b.x0) * 3);
}

export function imageToMat(cv: Cv, img: RgbImage): Mat {
  return boxToMat(cv, img, { x0: 0, y0: 0, x1: img.width, y1: img.height });
}

export function matToImage(m: Mat): RgbImage {
  return { width: m.cols, height: m.rows, data: new Uint8Array(m.data) };
}

/** A single-channel float Mat from a Float32Array (values 0..1). */
export function floatMat(cv: Cv, data: Float32Array, width: number, height: number): Mat {
  const m = new cv.Mat(height, width, cv.CV_32FC1);
  m.data32F.set(data);
  return m;
}

/** Writes a mask into `into` (CV_32FC1, box-sized): its values where the two boxes overlap, 0 elsewhere. */
export function maskInto(cv: Cv, into: Mat, mask: FaceMask, b: Box): Mat {
  const [w, h] = [b.x1 - b.x0, b.y1 - b.y0];
  if (into.rows !== h || into.cols !== w || into.type() !== cv.CV_32FC1) into.create(h, w, cv.CV_32FC1);
  const dst = into.data32F as Float32Array;
  dst.fill(0);
  const mw = mask.box.x1 - mask.box.x0;
  const [x0, x1] = [Math.max(b.x0, mask.box.x0), Math.min(b.x1, mask.box.x1)];
  for (let y = Math.max(b.y0, mask.box.y0); y < Math.min(b.y1, mask.box.y1) && x1 > x0; y++) {
    const from = (y - mask.box.y0) * mw + (x0 - mask.box.x0);
    dst.set(mask.data.subarray(from, from + x1 - x0), (y - b.y0) * w + (x0 - b.x0));
  }
  return into;
}

/** A new CV_32FC1 Mat over box `b` holding the mask. */
export function maskToMat(cv: Cv, mask: FaceMask, b: Box): Mat {
  return maskInto(cv, new cv.Mat(), mask, b);
}

/** Copies a box of an RGB image into `into` (CV_8UC3), reusing its buffer. */
export function boxInto(cv: Cv, into: Mat, img: RgbImage, b: Box): Mat {
  const w = b.x1 - b.x0,
    h = b.y1 - b.y0;
  if (into.rows !== h || into.cols !== w || into.type() !== cv.CV_8UC3) into.create(h, w, cv.CV_8UC3);
  const dst = into.data as Uint8Array;
  for (let y = 0; y < h; y++) {
    const from = ((b.y0 + y) * img.width + b.x0) * 3;
    dst.set(img.data.subarray(from, from + w * 3), y * w * 3);
  }
  return into;
}

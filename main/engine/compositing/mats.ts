import type { Box, RgbImage } from './image';
import type { Cv, Mat } from './opencv';

/** Copies a box of an RGB image into a new CV_8UC3 Mat (row by row: no whole-frame copy). */
export function boxToMat(cv: Cv, img: RgbImage, b: Box): Mat {
  const w = b.x1 - b.x0, h = b.y1 - b.y0;
  const m = new cv.Mat(h, w, cv.CV_8UC3);
  for (let y = 0; y < h; y++) {
    const from = ((b.y0 + y) * img.width + b.x0) * 3;
    m.data.set(img.data.subarray(from, from + w * 3), y * w * 3);
  }
  return m;
}

/** Writes a CV_8UC3 Mat back into a box of the image. */
export function matToBox(m: Mat, img: RgbImage, b: Box): void {
  const w = b.x1 - b.x0, h = b.y1 - b.y0;
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

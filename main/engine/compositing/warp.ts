import { alignmentMatrix, applyAffine, invertAffine, type Affine, type AlignedFace, type AlignmentTemplate, type Point } from './align';
import { boxOfPoints, clampBox, padBox, type Box, type RgbImage } from './image';
import type { FaceMask } from './masks';
import { boxToMat, floatMat, matToImage, imageToMat } from './mats';
import { loadOpenCv, withMats, type Cv, type Mat } from './opencv';

/** Matrix shifted so that it maps box-local pixels (instead of frame pixels) through m. */
export function fromBox(m: Affine, box: Box): Affine {
  return [m[0], m[1], m[0] * box.x0 + m[1] * box.y0 + m[2], m[3], m[4], m[3] * box.x0 + m[4] * box.y0 + m[5]];
}

/** The frame pixels a crop samples: its corners mapped back, padded for the filters. */
function sourceBox(inverse: Affine, size: number, pad: number, width: number, height: number): Box {
  const corners: Point[] = [
    [0, 0],
    [size, 0],
    [0, size],
    [size, size],
  ].map((p) => applyAffine(inverse, p as Point));
  const box = clampBox(padBox(boxOfPoints(corners), pad), width, height);
  // A face entirely off-frame still gets a 1-px box: border replication then fills the crop.
  return { ...box, x1: Math.max(box.x1, box.x0 + 1), y1: Math.max(box.y1, box.y0 + 1) };
}

/**
 * Below this σ (scale ≥ ~0.85) bilinear sampling's own smoothing is enough; the blur would
 * cost more than the warp (what peers get from INTER_AREA in warpAffine is bilinear, too).
 */
const MIN_BLUR_SIGMA = 0.3;

/** Gaussian σ that makes a shrink by `scale` behave like area resampling (no aliasing). */
function antiAliasSigma(scale: number): number {
  return scale >= 1 ? 0 : 0.5 * Math.sqrt(1 / (scale * scale) - 1);
}

function warp(cv: Cv, src: Mat, m: Affine, w: number, h: number, flags: number, track: (m: Mat) => Mat, border?: number): Mat {
  const out = track(new cv.Mat());
  const mm = track(cv.matFromArray(2, 3, cv.CV_64FC1, m));
  cv.warpAffine(src, out, mm, new cv.Size(w, h), flags, border ?? cv.BORDER_REPLICATE, new cv.Scalar(0, 0, 0, 0));
  return out;
}

/**
 * Cuts the face out of the frame onto an alignment template (size×size RGB crop). Only the
 * frame pixels under the crop are read. Shrinking halves with pyrDown while the scale is ≤ ½,
 * then blurs the rest away before a bilinear warp (warpAffine has no area filter: INTER_AREA
 * falls back to bilinear there); enlarging uses bicubic. Borders replicate.
 */
export async function alignFace(
  frame: RgbImage,
  landmarks: Float32Array | Point[],
  template: AlignmentTemplate,
  size: number,
): Promise<AlignedFace> {
  const cv = await loadOpenCv();
  const matrix = alignmentMatrix(landmarks, template, size);
  const inverse = invertAffine(matrix);
  const box = sourceBox(inverse, size, 8, frame.width, frame.height);
  return withMats((track) => {
    let src = track(boxToMat(cv, frame, box));
    let m = fromBox(matrix, box);
    let scale = Math.hypot(matrix[0], matrix[3]);
    while (scale <= 0.5 && src.rows >= 4 && src.cols >= 4) {
      // pyrDown: pixel p of the half image sits at 2p of the source, so the matrix takes ×2.
      const half = track(new cv.Mat());
      cv.pyrDown(src, half);
      src = half;
      m = [m[0] * 2, m[1] * 2, m[2], m[3] * 2, m[4] * 2, m[5]];
      scale *= 2;
    }
    const sigma = antiAliasSigma(scale);
    if (sigma >= MIN_BLUR_SIGMA) {
      // On floats: OpenCV.js's byte Gaussian is 3× slower (no SIMD in this build).
      const f = track(new cv.Mat());
      src.convertTo(f, cv.CV_32F);
      const k = sigma <= 0.65 ? 3 : 2 * Math.ceil(2 * sigma) + 1;
      cv.GaussianBlur(f, f, new cv.Size(k, k), sigma, sigma, cv.BORDER_REPLICATE);
      src = f;
    }
    const flags = scale < 1 ? cv.INTER_LINEAR : cv.INTER_CUBIC;
    let out = warp(cv, src, m, size, size, flags, track);
    if (out.type() !== cv.CV_8UC3) {
      const bytes = track(new cv.Mat());
      out.convertTo(bytes, cv.CV_8U);
      out = bytes;
    }
    return { crop: matToImage(out), matrix, inverse };
  });
}

/**
 * Resamples a crop back into a box of the frame (the inverse of alignFace): returns a
 * box-sized RGB image. `matrix` is frame → crop, as alignFace returns it.
 */
export async function warpBack(crop: RgbImage, matrix: Affine, box: Box): Promise<RgbImage> {
  const cv = await loadOpenCv();
  return withMats((track) => {
    const src = track(imageToMat(cv, crop));
    const out = warp(cv, src, fromBox(matrix, box), box.x1 - box.x0, box.y1 - box.y0, cv.INTER_CUBIC | cv.WARP_INVERSE_MAP, track);
    return matToImage(out);
  });
}

/**
 * A mask made at crop resolution (e.g. from `transformLandmarks` or a model's own mask),
 * resampled into frame pixels over the box it covers there. `matrix` is frame → crop.
 */
export async function maskToFrame(mask: FaceMask, matrix: Affine, width: number, height: number): Promise<FaceMask> {
  const cv = await loadOpenCv();
  const { box: cb } = mask;
  const corners: Point[] = [
    [cb.x0, cb.y0],
    [cb.x1, cb.y0],
    [cb.x0, cb.y1],
    [cb.x1, cb.y1],
  ];
  const box = clampBox(padBox(boxOfPoints(corners.map((p) => applyAffine(invertAffine(matrix), p))), 2), width, height);
  if (box.x1 <= box.x0 || box.y1 <= box.y0) return { box, data: new Float32Array(0) };
  // frame-box pixel → crop pixel → crop-mask-box pixel.
  const m = fromBox(matrix, box);
  const local: Affine = [m[0], m[1], m[2] - cb.x0, m[3], m[4], m[5] - cb.y0];
  return withMats((track) => {
    const src = track(floatMat(cv, mask.data, cb.x1 - cb.x0, cb.y1 - cb.y0));
    const out = warp(cv, src, local, box.x1 - box.x0, box.y1 - box.y0, cv.INTER_LINEAR | cv.WARP_INVERSE_MAP, track, cv.BORDER_CONSTANT);
    return { box, data: Float32Array.from(out.data32F as Float32Array) };
  });
}

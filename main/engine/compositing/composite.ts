import { alignmentMatrix, type Affine, type AlignedFace, type AlignmentTemplate } from './align';
import { matchColour } from './color-match';
import type { Box, RgbImage } from './image';
import { laplacianBlend } from './laplacian-blend';
import type { FaceMask } from './masks';
import { imageToMat, matToImage } from './mats';
import { loadOpenCv, withMats } from './opencv';

/** Matrix shifted so that it maps box-local pixels (instead of frame pixels) into the crop. */
function fromBox(m: Affine, box: Box): Affine {
  return [m[0], m[1], m[0] * box.x0 + m[1] * box.y0 + m[2], m[3], m[4], m[3] * box.x0 + m[4] * box.y0 + m[5]];
}

/** Cuts the face out of the frame onto an alignment template (size×size crop). */
export async function alignFace(frame: RgbImage, landmarks: Float32Array, template: AlignmentTemplate, size: number): Promise<AlignedFace> {
  const cv = await loadOpenCv();
  const matrix = alignmentMatrix(landmarks, template, size);
  const scale = Math.hypot(matrix[0], matrix[3]);
  return withMats((track) => {
    const src = track(imageToMat(cv, frame));
    // Shrinking: smooth first, so the crop does not alias (warpAffine has no area filter).
    if (scale < 0.7) {
      const sigma = 0.5 / scale;
      const k = 2 * Math.ceil(2 * sigma) + 1;
      cv.GaussianBlur(src, src, new cv.Size(k, k), sigma, sigma);
    }
    const out = track(new cv.Mat());
    const m = track(cv.matFromArray(2, 3, cv.CV_64FC1, matrix));
    cv.warpAffine(src, out, m, new cv.Size(size, size), cv.INTER_CUBIC, cv.BORDER_REPLICATE);
    return { crop: matToImage(out), matrix };
  });
}

/** Resamples a crop back into a box of the frame (the inverse of alignFace), box-sized. */
export async function cropToBox(crop: RgbImage, matrix: Affine, box: Box): Promise<RgbImage> {
  const cv = await loadOpenCv();
  return withMats((track) => {
    const src = track(imageToMat(cv, crop));
    const out = track(new cv.Mat());
    const m = track(cv.matFromArray(2, 3, cv.CV_64FC1, fromBox(matrix, box)));
    cv.warpAffine(src, out, m, new cv.Size(box.x1 - box.x0, box.y1 - box.y0), cv.INTER_CUBIC | cv.WARP_INVERSE_MAP, cv.BORDER_REPLICATE);
    return matToImage(out);
  });
}

export interface PasteOptions {
  colorMatch?: boolean;
  levels?: number;
}

/**
 * Pastes a processed crop back into the frame where `mask` says, with colour matching and
 * Laplacian-pyramid blending, at full resolution inside the mask's box. The frame changes in place.
 */
export async function pasteCrop(frame: RgbImage, crop: RgbImage, matrix: Affine, mask: FaceMask, o: PasteOptions = {}): Promise<void> {
  const pasted = await cropToBox(crop, matrix, mask.box);
  if (o.colorMatch) matchColour(frame, pasted, mask);
  await laplacianBlend(frame, pasted, mask, o.levels);
}


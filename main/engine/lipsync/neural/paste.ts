import { faceMask, type Affine, type Compositor, type MaskRegion, type RgbImage } from '../../compositing';
import type { VideoFrame } from '../../pipeline/frame';

export interface PasteMask {
  region: MaskRegion;
  /** Fractions of the face height (see faceMask). */
  dilate: number;
  feather: number;
}

/** Lip-sync may change the jaw and mouth only: lower face, grown a little for an opening jaw. */
export const LOWER_FACE_PASTE: PasteMask = { region: 'lower-face', dilate: 0.02, feather: 0.02 };

/** Enhancers restore the whole face; hair and background stay the frame's. */
export const FACE_OVAL_PASTE: PasteMask = { region: 'face-oval', dilate: -0.01, feather: 0.02 };

/**
 * Puts a model's output crop back into the frame: warped back through the crop's matrix and
 * blended with a Laplacian pyramid inside the face's mask. No colour matching by default: the
 * models paint from the frame's own pixels, and matching would undo a deliberate change
 * (ctx.options.colorMatch turns it on).
 */
export async function pasteCrop(
  compositor: Compositor,
  frame: VideoFrame,
  landmarks: Float32Array,
  crop: RgbImage,
  matrix: Affine,
  m: PasteMask,
  colorMatch = false,
): Promise<void> {
  const mask = await faceMask(landmarks, m.region, frame.width, frame.height, { dilate: m.dilate, feather: m.feather });
  compositor.composite(frame, { crop, matrix }, mask, { colorMatch });
}

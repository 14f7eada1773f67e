import type { FaceMask } from './masks';
import type { Box, RgbImage } from './image';
import { boxToMat, maskToMat } from './mats';
import { loadOpenCv, withMats, type Cv, type Mat } from './opencv';

/** Mask values counted as the ring at the pasted region's edge, where both images show skin. */
const RING = { min: 0.02, max: 0.5 };
/** Bounds on the contrast gain, so that a dark edge cannot flatten the whole mouth. */
const GAIN = { min: 0.67, max: 1.5 };

/** Per-channel gain and offset: pasted' = pasted·gain + offset. */
export interface ColourTransfer {
  gain: number[];
  offset: number[];
}

function stats(cv: Cv, img: Mat, ring: Mat): { mean: number[]; std: number[] } {
  const mean = new cv.Mat(),
    std = new cv.Mat();
  try {
    cv.meanStdDev(img, mean, std, ring);
    return { mean: Array.from(mean.data64F as Float64Array).slice(0, 3), std: Array.from(std.data64F as Float64Array).slice(0, 3) };
  } finally {
    mean.delete();
    std.delete();
  }
}

export interface RingOptions {
  /**
   * The offset alone (gain 1), for pastes whose inside differs from the ring (lips inside
   * skin): a contrast gain learnt on the skin darkens and saturates the lips.
   */
  meanOnly?: boolean;
  /** CV_8UC1 over the same box, 0 where the ring must not count (e.g. the lips of either face). */
  exclude?: Mat;
}

/**
 * Mean/std transfer measured on the ring (mask between 0.02 and 0.5) in the frame (`target`)
 * and in the pasted image (`source`), both CV_8UC3 over the same box; `weights` is CV_32FC1.
 */
export function ringTransfer(
  cv: Cv,
  target: Mat,
  source: Mat,
  weights: Mat,
  ring: Mat,
  bounds?: { lo: Mat; hi: Mat },
  o: RingOptions = {},
): ColourTransfer {
  withMats((track) => {
    // OpenCV.js's inRange takes bound images, not scalars; callers may keep them between frames.
    const lo = bounds?.lo ?? track(new cv.Mat());
    const hi = bounds?.hi ?? track(new cv.Mat());
    for (const [m, v] of [
      [lo, RING.min],
      [hi, RING.max],
    ] as [Mat, number][]) {
      if (m.rows !== weights.rows || m.cols !== weights.cols || m.type() !== cv.CV_32FC1) {
        m.create(weights.rows, weights.cols, cv.CV_32FC1);
        m.setTo(new cv.Scalar(v));
      }
    }
    cv.inRange(weights, lo, hi, ring);
    if (o.exclude) cv.bitwise_and(ring, o.exclude, ring);
  });
  const t = stats(cv, target, ring),
    s = stats(cv, source, ring);
  const gain = o.meanOnly ? [1, 1, 1] : t.std.map((v, c) => Math.min(GAIN.max, Math.max(GAIN.min, Math.max(1, v) / Math.max(1, s.std[c]))));
  return { gain, offset: t.mean.map((m, c) => m - s.mean[c] * gain[c]) };
}

/** Applies a transfer to an image in place (through a per-channel lookup table). */
export function applyTransfer(img: RgbImage, tr: ColourTransfer): void {
  const lut = [0, 1, 2].map((c) =>
    Uint8Array.from({ length: 256 }, (_, v) => Math.round(Math.min(255, Math.max(0, v * tr.gain[c] + tr.offset[c])))),
  );
  for (let i = 0; i < img.data.length; i += 3) {
    for (let c = 0; c < 3; c++) img.data[i + c] = lut[c][img.data[i + c]];
  }
}

/**
 * Matches the colour of `pasted` (box-sized, covering mask.box) to the frame around it:
 * mean and spread per RGB channel, measured on the mask's soft edge. Changes `pasted` in place.
 */
export async function matchColour(frame: RgbImage, pasted: RgbImage, mask: FaceMask): Promise<ColourTransfer> {
  const cv = await loadOpenCv();
  const box: Box = mask.box;
  const local: Box = { x0: 0, y0: 0, x1: box.x1 - box.x0, y1: box.y1 - box.y0 };
  const tr = withMats((track) =>
    ringTransfer(
      cv,
      track(boxToMat(cv, frame, box)),
      track(boxToMat(cv, pasted, local)),
      track(maskToMat(cv, mask, box)),
      track(new cv.Mat()),
    ),
  );
  applyTransfer(pasted, tr);
  return tr;
}

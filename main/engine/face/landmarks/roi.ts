import type { FaceDetection } from '../detect/detection';
import { headRoll } from '../geometry';
import type { AffineMap } from '../sampling/affine-sampler';

/** A rotated square region of the frame that Face Mesh looks at (centre, side, roll). */
export interface FaceRoi {
  cx: number;
  cy: number;
  size: number;
  /** Roll in radians: the crop's x axis points along (cos, sin) in frame pixels. */
  angle: number;
}

/** MediaPipe expands the face box 1.5× so the whole mesh (forehead, chin) fits the crop. */
export const ROI_EXPANSION = 1.5;

/** ROI from a detection: roll from the eye keypoints, square on the long side of the box. */
export function roiFromDetection(d: FaceDetection, expansion = ROI_EXPANSION): FaceRoi {
  const k = d.keypoints;
  const angle = Math.atan2(k[3] - k[1], k[2] - k[0]);
  return { cx: d.x + d.w / 2, cy: d.y + d.h / 2, size: Math.max(d.w, d.h) * expansion, angle };
}

/**
 * ROI for the next frame from this frame's mesh (MediaPipe's landmarks→ROI): roll from the
 * eye corners, extent of all points measured in the rolled frame, expanded 1.5×.
 */
export function roiFromLandmarks(points: Float32Array, expansion = ROI_EXPANSION): FaceRoi {
  const angle = headRoll(points);
  const c = Math.cos(angle),
    s = Math.sin(angle);
  let minU = Infinity,
    maxU = -Infinity,
    minV = Infinity,
    maxV = -Infinity;
  for (let i = 0; i < points.length; i += 3) {
    const u = points[i] * c + points[i + 1] * s;
    const v = -points[i] * s + points[i + 1] * c;
    if (u < minU) minU = u;
    if (u > maxU) maxU = u;
    if (v < minV) minV = v;
    if (v > maxV) maxV = v;
  }
  const mu = (minU + maxU) / 2,
    mv = (minV + maxV) / 2;
  const size = Math.max(maxU - minU, maxV - minV) * expansion;
  return { cx: mu * c - mv * s, cy: mu * s + mv * c, size, angle };
}

/** Crop-pixel → frame-pixel map for a crop of `side` pixels. */
export function roiToFrameMap(roi: FaceRoi, side: number): AffineMap {
  const k = roi.size / side;
  const c = Math.cos(roi.angle) * k,
    s = Math.sin(roi.angle) * k;
  const half = side / 2;
  return { ax: c, bx: -s, cx: roi.cx - c * half + s * half, ay: s, by: c, cy: roi.cy - s * half - c * half };
}

/** Axis-aligned box of a ROI, for overlap tests against detections. */
export function roiBox(roi: FaceRoi): { x: number; y: number; w: number; h: number } {
  const half = roi.size / ROI_EXPANSION / 2;
  return { x: roi.cx - half, y: roi.cy - half, w: 2 * half, h: 2 * half };
}

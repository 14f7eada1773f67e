import { faceHeight, headRoll, landmarkBox } from '../face/geometry';
import { FACE_OVAL } from '../face/mesh-regions';
import type { ControlPoints, PixelBox, RgbImage } from './mls-warp';
import { warpInPlace } from './mls-warp';

/** The face oval, eye corners and nose tip hold still, so nothing outside the face moves. */
const STILL_POINTS = [...FACE_OVAL, 33, 133, 362, 263, 1];

/** Moves template points (face heights, upright face) into frame pixels, turned with the head. */
export function expressionControls(landmarks: Float32Array, displacements: Map<number, [number, number]>): ControlPoints {
  const h = faceHeight(landmarks);
  const a = headRoll(landmarks);
  const [cos, sin] = [Math.cos(a), Math.sin(a)];
  const from: number[] = [];
  const to: number[] = [];
  const add = (i: number, dx: number, dy: number) => {
    const x = landmarks[3 * i],
      y = landmarks[3 * i + 1];
    from.push(x, y);
    to.push(x + (dx * cos - dy * sin) * h, y + (dx * sin + dy * cos) * h);
  };
  for (const [i, [dx, dy]] of displacements) add(i, dx, dy);
  for (const i of STILL_POINTS) if (!displacements.has(i)) add(i, 0, 0);
  return { from: Float64Array.from(from), to: Float64Array.from(to) };
}

/** The face's box, padded so the warp fades out before reaching anything that is not face. */
export function warpBox(landmarks: Float32Array, pad = 0.18): PixelBox {
  const b = landmarkBox(landmarks);
  return { x0: b.x - pad * b.w, y0: b.y - pad * b.h, x1: b.x + b.w * (1 + pad), y1: b.y + b.h * (1 + pad) };
}

/** Applies a displacement field to one face; returns false when there was nothing to move. */
export function applyExpression(img: RgbImage, landmarks: Float32Array, displacements: Map<number, [number, number]>): boolean {
  const moving = [...displacements.values()].some(([dx, dy]) => Math.abs(dx) + Math.abs(dy) > 1e-6);
  if (!moving) return false;
  warpInPlace(img, expressionControls(landmarks, displacements), warpBox(landmarks));
  return true;
}

import { faceHeight, headRoll } from '../face/geometry';
import { LIPS_INNER, LIPS_OUTER } from '../face/mesh-regions';

/** The 40 lip landmarks LMD compares: outer then inner contour (reference §4). */
export const LIP_POINTS: readonly number[] = [...LIPS_OUTER, ...LIPS_INNER];

/**
 * A face's lip landmarks in its own mouth frame: relative to the mean of the lip points,
 * rotated so the eye line is level, divided by the face height. Head position, roll and
 * size then do not count as lip differences. Returns x0, y0, x1, y1, … (NaN-free or undefined).
 */
export function normalisedLips(landmarks: Float32Array): Float64Array | undefined {
  const h = faceHeight(landmarks);
  if (!(h > 0)) return undefined;
  let cx = 0,
    cy = 0;
  for (const k of LIP_POINTS) {
    cx += landmarks[3 * k];
    cy += landmarks[3 * k + 1];
  }
  cx /= LIP_POINTS.length;
  cy /= LIP_POINTS.length;
  const roll = headRoll(landmarks);
  const cos = Math.cos(-roll),
    sin = Math.sin(-roll);
  const out = new Float64Array(2 * LIP_POINTS.length);
  LIP_POINTS.forEach((k, j) => {
    const dx = landmarks[3 * k] - cx,
      dy = landmarks[3 * k + 1] - cy;
    out[2 * j] = (cos * dx - sin * dy) / h;
    out[2 * j + 1] = (sin * dx + cos * dy) / h;
  });
  return out;
}

/** Mean distance between corresponding normalised lip points of two faces, in face heights. */
export function lipDistance(a: Float32Array, b: Float32Array): number {
  const la = normalisedLips(a),
    lb = normalisedLips(b);
  if (!la || !lb) return NaN;
  let sum = 0;
  for (let j = 0; j < la.length; j += 2) sum += Math.hypot(la[j] - lb[j], la[j + 1] - lb[j + 1]);
  return sum / (la.length / 2);
}

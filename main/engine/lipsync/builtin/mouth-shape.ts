import { faceHeight, headRoll, mouthOpenness } from '../../face/geometry';
import { LIPS_INNER, LIPS_OUTER } from '../../face/mesh-regions';

/** Outer then inner lip contour. */
export const LIP_CONTOUR = [...LIPS_OUTER, ...LIPS_INNER];

const CORNERS = [61, 291] as const;
const EYES = [33, 263] as const;
const NOSE_TIP = 1;

const px = (p: Float32Array, i: number) => p[3 * i];
const py = (p: Float32Array, i: number) => p[3 * i + 1];

/**
 * Lip contour relative to the mouth centre, de-rotated and divided by the face height, so the
 * same mouth shape compares equal whatever the head's position, size and roll.
 */
export function mouthShape(p: Float32Array): Float32Array {
  const cx = (px(p, CORNERS[0]) + px(p, CORNERS[1])) / 2;
  const cy = (py(p, CORNERS[0]) + py(p, CORNERS[1])) / 2;
  const h = faceHeight(p) || 1;
  const a = -headRoll(p);
  const [cos, sin] = [Math.cos(a), Math.sin(a)];
  const out = new Float32Array(LIP_CONTOUR.length * 2);
  LIP_CONTOUR.forEach((i, k) => {
    const dx = px(p, i) - cx;
    const dy = py(p, i) - cy;
    out[2 * k] = (dx * cos - dy * sin) / h;
    out[2 * k + 1] = (dx * sin + dy * cos) / h;
  });
  return out;
}

/** Rough head pose (roll, yaw and pitch proxies from the nose against the eyes), unitless. */
export function headPose(p: Float32Array): Float32Array {
  const ex = (px(p, EYES[0]) + px(p, EYES[1])) / 2;
  const ey = (py(p, EYES[0]) + py(p, EYES[1])) / 2;
  const eyeSpan = Math.hypot(px(p, EYES[1]) - px(p, EYES[0]), py(p, EYES[1]) - py(p, EYES[0])) || 1;
  const h = faceHeight(p) || 1;
  return Float32Array.of(headRoll(p), (px(p, NOSE_TIP) - ex) / eyeSpan, (py(p, NOSE_TIP) - ey) / h);
}

export { mouthOpenness };

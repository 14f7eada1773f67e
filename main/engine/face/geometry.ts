import type { FaceBox } from './types';

/** Face Mesh indices the engine measures with (MediaPipe 468 topology). */
export const MESH = {
  foreheadTop: 10,
  chin: 152,
  innerLipUpper: 13,
  innerLipLower: 14,
  eyeCorners: [33, 133, 362, 263] as const,
} as const;

export function pointDistance(p: Float32Array, a: number, b: number): number {
  return Math.hypot(p[3 * a] - p[3 * b], p[3 * a + 1] - p[3 * b + 1]);
}

/** Face height: forehead top (10) to chin (152), the scale every face measure is divided by. */
export function faceHeight(p: Float32Array): number {
  return pointDistance(p, MESH.foreheadTop, MESH.chin);
}

/** Head roll in radians: the angle of the line from the outer right eye corner (33) to the left (263). */
export function headRoll(p: Float32Array): number {
  return Math.atan2(p[3 * 263 + 1] - p[3 * 33 + 1], p[3 * 263] - p[3 * 33]);
}

/** Mouth openness = |y(14) − y(13)| / face height. */
export function mouthOpenness(p: Float32Array): number {
  const h = faceHeight(p);
  return h > 0 ? Math.abs(p[3 * MESH.innerLipLower + 1] - p[3 * MESH.innerLipUpper + 1]) / h : 0;
}

/** Axis-aligned bounding box of the mesh in frame pixels. */
export function landmarkBox(p: Float32Array): FaceBox {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (let i = 0; i < p.length; i += 3) {
    if (p[i] < x0) x0 = p[i];
    if (p[i] > x1) x1 = p[i];
    if (p[i + 1] < y0) y0 = p[i + 1];
    if (p[i + 1] > y1) y1 = p[i + 1];
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/**
 * A mesh that collapsed or flew off: non-finite, tiny, or mostly outside the frame.
 * Such a result means the track is lost even if the presence score says otherwise.
 */
export function isDegenerate(p: Float32Array, width: number, height: number): boolean {
  for (let i = 0; i < p.length; i++) if (!Number.isFinite(p[i])) return true;
  const b = landmarkBox(p);
  if (b.w < 12 || b.h < 12) return true;
  const ix = Math.max(0, Math.min(b.x + b.w, width) - Math.max(b.x, 0));
  const iy = Math.max(0, Math.min(b.y + b.h, height) - Math.max(b.y, 0));
  return ix * iy < 0.5 * b.w * b.h;
}

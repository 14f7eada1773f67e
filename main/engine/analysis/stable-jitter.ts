import { faceHeight, MESH } from '../face/geometry';
import { FACE_OVAL, JAW } from '../face/mesh-regions';
import type { TrackedFace } from '../face/types';

const jaw = new Set<number>(JAW);

/**
 * Landmarks speech does not move: the eye corners, the nose bridge (168, 6) and the upper face
 * oval (the oval without the jaw, which opens with the mouth).
 */
export const STABLE_POINTS: readonly number[] = [...MESH.eyeCorners, 168, 6, ...FACE_OVAL.filter((k) => !jaw.has(k))];

/**
 * Jitter of the stable landmarks: the mean magnitude of their second difference
 * |p[i+1] − 2p[i] + p[i−1]| in face heights, over every frame whose neighbours also have the
 * face. Smooth head motion has a small second difference; frame-to-frame wobble does not.
 * NaN if never three faces in a row.
 */
export function stableLandmarkJitter(faces: (TrackedFace | undefined)[]): number {
  let sum = 0,
    n = 0;
  for (let i = 1; i + 1 < faces.length; i++) {
    const a = faces[i - 1]?.landmarks,
      b = faces[i]?.landmarks,
      c = faces[i + 1]?.landmarks;
    if (!a || !b || !c) continue;
    const h = faceHeight(b);
    if (!(h > 0)) continue;
    for (const k of STABLE_POINTS) {
      const x = 3 * k;
      sum += Math.hypot(c[x] - 2 * b[x] + a[x], c[x + 1] - 2 * b[x + 1] + a[x + 1]) / h;
      n++;
    }
  }
  return n ? sum / n : NaN;
}

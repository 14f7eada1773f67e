import type { FaceTrack } from '../face/types';

/**
 * Points of the face's build rather than its expression: jaw outline, nose, brows, eye corners,
 * forehead top and chin (MediaPipe 468 topology). Lips are left out: they move with speech.
 */
const BUILD_POINTS = [
  10, 152, 234, 454, 58, 288, 172, 397, 136, 365, 149, 378, 1, 4, 5, 6, 168, 197, 33, 133, 362, 263, 70, 300, 105, 334, 107, 336,
];
const SAMPLE_EVERY = 5;

/**
 * A track's landmark geometry with position, size and roll removed: each point relative to the
 * eyes' midpoint, in the eye line's frame, in eye distances; the mean over the track's frames.
 */
export function geometrySignatures(track: FaceTrack): Map<number, Float32Array> {
  const sums = new Map<number, { n: number; v: Float64Array }>();
  for (const fr of track.frames) {
    if (fr.index % SAMPLE_EVERY !== 0) continue;
    for (const f of fr.faces) {
      const acc = sums.get(f.trackId) ?? { n: 0, v: new Float64Array(2 * BUILD_POINTS.length) };
      const p = f.landmarks;
      const [lx, ly, rx, ry] = [p[3 * 33], p[3 * 33 + 1], p[3 * 263], p[3 * 263 + 1]];
      const [cx, cy] = [(lx + rx) / 2, (ly + ry) / 2];
      const d = Math.hypot(rx - lx, ry - ly) || 1;
      const [c, s] = [(rx - lx) / d, (ry - ly) / d];
      BUILD_POINTS.forEach((i, k) => {
        const [x, y] = [p[3 * i] - cx, p[3 * i + 1] - cy];
        acc.v[2 * k] += (c * x + s * y) / d;
        acc.v[2 * k + 1] += (-s * x + c * y) / d;
      });
      acc.n++;
      sums.set(f.trackId, acc);
    }
  }
  return new Map([...sums].map(([id, a]) => [id, Float32Array.from(a.v, (x) => x / a.n)]));
}

import { faceHeight } from '../face/geometry';
import { NOSE_LINE } from '../face/mesh-regions';
import type { TrackedFace } from '../face/types';

/**
 * Nose displacement per frame: the largest distance of a nose-line landmark (bridge, tip,
 * wings) from where it is on the reference's same frame, in percent of the reference face
 * height. Nothing is removed first: lip-sync must leave the nose exactly where it was. The
 * largest, not the mean: the tip moves most when a pasted lower face lengthens the nose.
 * `scale` maps reference pixels to video pixels (1 when both have the same size). NaN where
 * either face is missing.
 */
export function noseDriftSeries(video: (TrackedFace | undefined)[], reference: (TrackedFace | undefined)[], scale = 1): number[] {
  const n = Math.min(video.length, reference.length);
  return Array.from({ length: n }, (_, i) => {
    const a = video[i]?.landmarks,
      b = reference[i]?.landmarks;
    const h = b ? faceHeight(b) * scale : 0;
    if (!a || !b || !(h > 0)) return NaN;
    let worst = 0;
    for (const k of NOSE_LINE) worst = Math.max(worst, Math.hypot(a[3 * k] - b[3 * k] * scale, a[3 * k + 1] - b[3 * k + 1] * scale));
    return (100 * worst) / h;
  });
}

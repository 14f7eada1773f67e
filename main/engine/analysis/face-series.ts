import { faceHeight, MESH, mouthOpenness } from '../face/geometry';
import type { FaceTrack, TrackedFace } from '../face/types';

/** The main speaker's face on each frame (undefined where not visible). */
export function mainFaces(track: FaceTrack): (TrackedFace | undefined)[] {
  return track.frames.map(
    (f) => f.faces.find((x) => x.trackId === track.mainTrackId) ?? (track.mainTrackId === null ? f.faces[0] : undefined),
  );
}

/** Mouth openness per frame (NaN without a face). */
export function opennessSeries(track: FaceTrack): number[] {
  return mainFaces(track).map((f) => (f ? mouthOpenness(f.landmarks) : NaN));
}

/** Mean frame-to-frame motion of the eye corners, in face heights; NaN if never two faces in a row. */
export function landmarkJitter(track: FaceTrack): number {
  const faces = mainFaces(track);
  let sum = 0,
    n = 0;
  for (let i = 1; i < faces.length; i++) {
    const a = faces[i - 1]?.landmarks,
      b = faces[i]?.landmarks;
    if (!a || !b) continue;
    const h = faceHeight(b);
    if (!(h > 0)) continue;
    for (const k of MESH.eyeCorners) {
      sum += Math.hypot(b[3 * k] - a[3 * k], b[3 * k + 1] - a[3 * k + 1]) / h;
      n++;
    }
  }
  return n ? sum / n : NaN;
}

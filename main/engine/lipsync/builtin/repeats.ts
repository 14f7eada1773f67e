import type { FaceTrack } from '../../face/types';

/**
 * For each source frame, the first frame of its run of identical pictures: itself, or for a
 * frame that repeats the one before (track.repeats: frame-rate conversion duplicates) the frame
 * it repeats. The camera showed no change there, so neither may the dub: the plan keeps the
 * mouth of that first frame and the renderer pastes it exactly as there (stage.ts), so the
 * output repeats its picture where the source does.
 */
export function pictureOrigins(track: FaceTrack): Int32Array {
  const origin = Int32Array.from(track.frames, (_, i) => i);
  const repeats = new Set(track.repeats ?? []);
  for (let i = 1; i < origin.length; i++) if (repeats.has(i)) origin[i] = origin[i - 1];
  return origin;
}

/** The source frame that naturally follows `i` in time: the next one that is not a repeat (-1 past the end). */
export function nextPicture(origin: Int32Array, i: number): number {
  for (let j = i + 1; j < origin.length; j++) if (origin[j] === j) return j;
  return -1;
}

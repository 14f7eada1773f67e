import type { FaceTrack } from '../../face/types';
import { mainFaceAt } from './plan';

/** Weights of frames i−2…i+2: symmetric, so steady head motion is followed without lag. */
const WEIGHTS = [1, 2, 3, 2, 1];

/**
 * The main face's mesh on frame i averaged with its neighbours' (where the same face is seen).
 * The paste is fitted by these: per-frame landmark noise of the frame and of the bank frame had
 * shaken the pasted mouth by a pixel or so from one frame to the next (mouth Δ above the
 * source's even where the bank frames ran in their natural order). Undefined without a face on i.
 */
export function steadyLandmarks(track: FaceTrack, i: number): Float32Array | undefined {
  const own = mainFaceAt(track, i)?.landmarks;
  if (!own) return undefined;
  const out = new Float32Array(own.length);
  let total = 0;
  WEIGHTS.forEach((w, k) => {
    const j = i + k - 2;
    const p = j >= 0 && j < track.frames.length ? mainFaceAt(track, j)?.landmarks : undefined;
    if (!p) return;
    for (let x = 0; x < out.length; x++) out[x] += w * p[x];
    total += w;
  });
  for (let x = 0; x < out.length; x++) out[x] /= total;
  return out;
}

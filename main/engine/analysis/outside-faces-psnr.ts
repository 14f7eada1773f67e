import { probeVideo } from '../media/probe';
import type { FaceTrack } from '../face/types';
import { forEachFramePair } from './frame-pairs';
import { lowerFaceMask } from './lower-face-mask';
import { MaskedError } from './psnr';

/**
 * PSNR against the reference everywhere except the dilated lower faces of the given tracks
 * (all faces when `trackIds` is absent): with several speakers dubbed, only their mouths may change.
 */
export async function psnrOutsideLowerFaces(
  video: string,
  reference: string,
  track: FaceTrack,
  trackIds?: number[],
  margin = 0.1,
): Promise<number> {
  const { width, height } = (await probeVideo(video)).video;
  const err = new MaskedError();
  await forEachFramePair(video, reference, (i, a, b) => {
    const faces = (track.frames[i]?.faces ?? []).filter((f) => !trackIds || trackIds.includes(f.trackId));
    let mask: Uint8Array | undefined;
    for (const f of faces) {
      const m = lowerFaceMask(f.landmarks, width, height, margin);
      if (!mask) mask = m;
      else for (let p = 0; p < m.length; p++) mask[p] |= m[p];
    }
    err.add(a, b, mask);
  });
  return err.psnr();
}

import type { FaceTrack } from '../face/types';
import { readFrames } from '../media/frame-reader';
import { probeVideo } from '../media/probe';
import { mainFaces } from './face-series';
import { lowerFaceMask } from './lower-face-mask';
import { MaskedError } from './psnr';

/**
 * PSNR of a (lip-synced) video against its reference everywhere except the dilated lower
 * face of the main speaker: lip-sync may change the mouth, nothing else. The reference is
 * scaled to the video's size; frames are compared by index up to the shorter of the two.
 */
export async function psnrOutsideLowerFace(video: string, reference: string, track: FaceTrack, margin = 0.1): Promise<number> {
  const v = (await probeVideo(video)).video;
  const r = (await probeVideo(reference)).video;
  const faces = mainFaces(track);
  const a = readFrames(video, v);
  const b = readFrames(reference, r, { width: v.width, height: v.height });
  const err = new MaskedError();
  try {
    for (let i = 0; ; i++) {
      const [fa, fb] = await Promise.all([a.next(), b.next()]);
      if (fa.done || fb.done) break;
      const face = faces[i];
      const mask = face ? lowerFaceMask(face.landmarks, v.width, v.height, margin) : undefined;
      err.add(fa.value.data, fb.value.data, mask);
    }
  } finally {
    await a.return(undefined);
    await b.return(undefined);
  }
  return err.psnr();
}

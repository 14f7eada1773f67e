import { probeVideo } from '../media/probe';
import type { FaceTrack, TrackedFace } from '../face/types';
import { mainFaces } from './face-series';
import { forEachFramePair } from './frame-pairs';
import { lowerFaceMask } from './lower-face-mask';
import { MaskedError } from './psnr';

/**
 * PSNR of a (lip-synced) video against its reference everywhere except the dilated lower
 * face of the main speaker: lip-sync may change the mouth, nothing else. Feed it frame pairs
 * (frame-pairs.ts); masks come from the video's own faces.
 */
export class OutsideLowerFaceError {
  private readonly err = new MaskedError();

  constructor(
    private readonly faces: (TrackedFace | undefined)[],
    private readonly width: number,
    private readonly height: number,
    private readonly margin = 0.1,
  ) {}

  add(index: number, a: Uint8Array, b: Uint8Array): void {
    const face = this.faces[index];
    this.err.add(a, b, face ? lowerFaceMask(face.landmarks, this.width, this.height, this.margin) : undefined);
  }

  psnr(): number {
    return this.err.psnr();
  }
}

/** The reference is scaled to the video's size; frames are compared by index up to the shorter of the two. */
export async function psnrOutsideLowerFace(video: string, reference: string, track: FaceTrack, margin = 0.1): Promise<number> {
  const v = (await probeVideo(video)).video;
  const acc = new OutsideLowerFaceError(mainFaces(track), v.width, v.height, margin);
  await forEachFramePair(video, reference, (i, a, b) => acc.add(i, a, b));
  return acc.psnr();
}

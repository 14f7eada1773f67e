import type { FaceTrack } from '../face/types';
import { mainFaces } from './face-series';
import { forEachFramePair } from './frame-pairs';
import { mouthBox, MouthTemporalChange } from './mouth-change';
import { noseDriftSeries } from './nose-drift';
import { NoseImageShift } from './nose-shift';
import { OutsideLowerFaceError } from './reference-psnr';
import { stableLandmarkJitter } from './stable-jitter';
import { percentile } from './stats';

export interface ReferenceComparison {
  /** dB; Infinity when identical outside the mask. */
  psnrOutsideLowerFace: number;
  /** 95th percentile over frames of the nose landmarks' displacement, % of face height. */
  noseDriftP95: number;
  /** 95th percentile over frames of the nose's shift in the image (pixels, not landmarks), % of face height. */
  noseShiftP95: number;
  /** Second-difference jitter of the stable landmarks (face heights): video, reference, ratio. */
  stableJitter: number;
  referenceStableJitter: number;
  jitterRatio: number;
  /** Mouth-box grey-level change per frame: video, reference, ratio. */
  mouthChange: number;
  referenceMouthChange: number;
  mouthChangeRatio: number;
}

/**
 * What a lip-synced video must keep of its source (the undubbed reference): everything outside
 * the lower face (PSNR), the nose position, landmark steadiness and the mouth's frame-to-frame
 * smoothness. One decode of each video feeds every pixel measure; mouth boxes come from the
 * reference's faces so both videos are measured on the same pixels.
 */
export async function compareWithReference(
  video: string,
  reference: string,
  track: FaceTrack,
  refTrack: FaceTrack,
  margin = 0.1,
): Promise<ReferenceComparison> {
  const faces = mainFaces(track);
  const refFaces = mainFaces(refTrack);
  const scale = track.width / refTrack.width;
  const outside = new OutsideLowerFaceError(faces, track.width, track.height, margin);
  const change = new MouthTemporalChange(track.width);
  const refChange = new MouthTemporalChange(track.width);
  const noseShift = new NoseImageShift(track.width, track.height, scale);
  await forEachFramePair(video, reference, (i, a, b) => {
    outside.add(i, a, b);
    const f = refFaces[i];
    const box = f && mouthBox(f.landmarks, track.width, track.height, scale);
    change.add(a, box);
    refChange.add(b, box);
    noseShift.add(a, b, f);
  });
  const drift = noseDriftSeries(faces, refFaces, scale).filter(Number.isFinite);
  const n = Math.min(faces.length, refFaces.length);
  const jitter = stableLandmarkJitter(faces.slice(0, n));
  const refJitter = stableLandmarkJitter(refFaces.slice(0, n));
  return {
    psnrOutsideLowerFace: outside.psnr(),
    noseDriftP95: percentile(drift, 95),
    noseShiftP95: noseShift.p95(),
    stableJitter: jitter,
    referenceStableJitter: refJitter,
    jitterRatio: jitter / refJitter,
    mouthChange: change.mean(),
    referenceMouthChange: refChange.mean(),
    mouthChangeRatio: change.mean() / refChange.mean(),
  };
}

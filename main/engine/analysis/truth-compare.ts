import type { FaceTrack } from '../face/types';
import { mainFaces, opennessSeries } from './face-series';
import { bestLagCorrelation } from './lagged-correlation';
import { lipDistance } from './lip-distance';

export interface TruthComparison {
  /** Frames compared: the common length of the two videos. */
  frames: number;
  /** Pearson of mouth openness with the truth's, at lag 0. */
  opennessCorrelation: number;
  /** Best Pearson within ±2 frames and its lag (> 0: the video's mouth moves earlier). */
  opennessBestCorrelation: number;
  opennessBestLag: number;
  /** Mouth landmark distance: mean over frames of lipDistance, % of face height. */
  lipLandmarkDistance: number;
}

/** A video against a ground-truth video of the same audio, frame by frame over their common length. */
export function compareWithTruth(track: FaceTrack, truth: FaceTrack): TruthComparison {
  const n = Math.min(track.frames.length, truth.frames.length);
  const open = opennessSeries(track).slice(0, n);
  const trueOpen = opennessSeries(truth).slice(0, n);
  const corr = bestLagCorrelation(open, trueOpen);
  const a = mainFaces(track),
    b = mainFaces(truth);
  let sum = 0,
    count = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i] && b[i] ? lipDistance(a[i]!.landmarks, b[i]!.landmarks) : NaN;
    if (Number.isFinite(d)) {
      sum += d;
      count++;
    }
  }
  return {
    frames: n,
    opennessCorrelation: corr.r,
    opennessBestCorrelation: corr.best,
    opennessBestLag: corr.lag,
    lipLandmarkDistance: count ? (100 * sum) / count : NaN,
  };
}

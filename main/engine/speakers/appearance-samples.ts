import type { VideoFrame } from '../pipeline/frame';
import type { TrackAppearance, TrackedFace } from '../face/types';
import { APPEARANCE_LENGTH, faceAppearance } from './appearance';

/** A face's appearance is sampled every this many frames (and on its first frame). */
const SAMPLE_EVERY = 5;

/** Running mean appearance of every track of an analysis pass (constant memory per track). */
export class AppearanceSamples {
  private readonly sums = new Map<number, { samples: number; sum: Float64Array }>();

  add(frame: VideoFrame, faces: TrackedFace[]): void {
    for (const f of faces) {
      const s = this.sums.get(f.trackId);
      if (s && frame.index % SAMPLE_EVERY !== 0) continue;
      const acc = s ?? { samples: 0, sum: new Float64Array(APPEARANCE_LENGTH) };
      const v = faceAppearance(frame, f.landmarks);
      for (let i = 0; i < v.length; i++) acc.sum[i] += v[i];
      acc.samples++;
      this.sums.set(f.trackId, acc);
    }
  }

  result(): TrackAppearance[] {
    return [...this.sums].map(([trackId, s]) => ({
      trackId,
      samples: s.samples,
      mean: Array.from(s.sum, (v) => Math.round((v / s.samples) * 1e4) / 1e4),
    }));
  }
}

import { percentile } from './stats';

export interface VadOptions {
  /** Speech level = this percentile of frame loudness (dB). */
  speechPercentile: number;
  /** A frame is speech when within this many dB of the speech level. */
  rangeDb: number;
  /** Frames kept as speech after the level drops (word endings, short stops). */
  hangover: number;
}

export const DEFAULT_VAD: VadOptions = { speechPercentile: 90, rangeDb: 30, hangover: 2 };

/**
 * Energy VAD per video frame. The threshold is relative to the clip's own speech level,
 * so it works the same for a quiet voice-over and a loud dub.
 */
export function speechFrames(loudnessDb: ArrayLike<number>, o: VadOptions = DEFAULT_VAD): boolean[] {
  const threshold = percentile(loudnessDb, o.speechPercentile) - o.rangeDb;
  const out: boolean[] = [];
  let hold = 0;
  for (let i = 0; i < loudnessDb.length; i++) {
    if (loudnessDb[i] >= threshold) hold = o.hangover + 1;
    out.push(hold > 0);
    if (hold > 0) hold--;
  }
  return out;
}

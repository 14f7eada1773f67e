import { speechFrames } from '../analysis/vad';

/** A stretch of speech in a dub, on the output timeline (frames [start, end)). */
export interface SpeechStretch {
  start: number;
  end: number;
}

/** Pauses shorter than this (s) are inside one line (between words), not between lines. */
const MAX_PAUSE = 0.25;
/** Speech shorter than this (s) is a click or a breath, not a line. */
const MIN_LINE = 0.1;

/** Speech runs of a per-frame loudness curve, short pauses bridged, blips dropped. */
export function speechStretches(loudnessDb: ArrayLike<number>, fps: number): SpeechStretch[] {
  const speech = speechFrames(loudnessDb);
  const runs: SpeechStretch[] = [];
  for (let i = 0; i < speech.length; i++) {
    if (!speech[i]) continue;
    const last = runs.at(-1);
    if (last && i - last.end <= MAX_PAUSE * fps) last.end = i + 1;
    else runs.push({ start: i, end: i + 1 });
  }
  return runs.filter((r) => r.end - r.start >= MIN_LINE * fps);
}

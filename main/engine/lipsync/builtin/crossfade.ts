/**
 * Cross-fades between bank mouths at plan jumps. Where the plan jumps between distant source
 * frames, the mouth (its shape, and the light and shading of another moment) changed in one
 * frame: the frames around the jump show both runs, the old one fading out while the new one
 * fades in, each continuing in its own natural order. Pure function of the plan and the frame
 * index, so any range of frames renders on its own.
 */

/** A jump this many source frames away from the natural successor, or more, is faded. */
export const FADE_GAP = 3;

export interface MouthLayer {
  sourceIndex: number;
  /** Weight of this layer over what lies under it (the first layer is pasted fully). */
  weight: number;
}

/**
 * The mouths to paste on output frame i, bottom first. `half` frames on each side of a jump
 * are blended: on frame j + k (j = the jump's first frame, −half ≤ k < half) the old run's
 * frame choice[j−1] + 1 + k lies under the new run's choice[j] + k, whose weight rises from
 * 1/(4·half) to 1 − 1/(4·half). `usable` says whether a source frame can be pasted.
 */
export function mouthLayers(choice: Int32Array, i: number, half: number, usable: (sourceIndex: number) => boolean): MouthLayer[] {
  const own: MouthLayer[] = [{ sourceIndex: choice[i], weight: 1 }];
  if (half <= 0) return own;
  // The nearest jump first: this frame's own (k = 0), the next frame's (k = −1), …
  for (let d = 0; d < 2 * half; d++) {
    const k = d % 2 === 0 ? d / 2 : -(d + 1) / 2;
    const j = i - k;
    if (j < 1 || j >= choice.length || !isJump(choice, j)) continue;
    const [from, to] = [choice[j - 1] + 1 + k, choice[j] + k];
    if (!usable(from) || !usable(to)) return own;
    return [
      { sourceIndex: from, weight: 1 },
      { sourceIndex: to, weight: (k + half + 0.5) / (2 * half) },
    ];
  }
  return own;
}

function isJump(choice: Int32Array, j: number): boolean {
  return Math.abs(choice[j] - choice[j - 1] - 1) >= FADE_GAP;
}

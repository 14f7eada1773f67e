/**
 * What happens when the dub and the video differ in length:
 * - cut: the output ends with the video; a longer dub is cut off.
 * - pad-video: a longer dub keeps playing over the held last frame.
 * - pad-audio: the output ends with the video, and a shorter dub is padded with silence so
 *   both streams end together.
 */
export type DurationPolicy = 'cut' | 'pad-video' | 'pad-audio';

export const DURATION_POLICIES: readonly DurationPolicy[] = ['cut', 'pad-video', 'pad-audio'];

export interface OutputLength {
  frames: number;
  duration: number;
  /** Frames past the source's end that repeat its last frame. */
  heldFrames: number;
  padSilence: boolean;
}

export function outputLength(policy: DurationPolicy, sourceFrames: number, fps: number, dubEnd: number): OutputLength {
  const videoDuration = sourceFrames / fps;
  if (policy === 'pad-video' && dubEnd > videoDuration) {
    const frames = Math.ceil(dubEnd * fps - 1e-6);
    return { frames, duration: frames / fps, heldFrames: frames - sourceFrames, padSilence: true };
  }
  return { frames: sourceFrames, duration: videoDuration, heldFrames: 0, padSilence: policy !== 'cut' };
}

import { Compositor } from '../../compositing';
import type { VideoFrame } from '../../pipeline/frame';
import type { BankGeometry } from './mouth-bank';
import { renderMouth, type MouthSource, type Steady } from './render-mouth';

/**
 * One frame's paste, as a pool thread receives it: the frame's pixels and the bank crop move
 * to the thread (transferred, not copied), the few landmarks are cloned, and the frame comes back.
 */
export interface MouthPasteTask {
  frame: VideoFrame;
  target: Float32Array;
  source: MouthSource;
  steady: Steady;
  geometry: BankGeometry;
  crop: Uint8Array;
  /** Below 1 at a cross-fade (crossfade.ts): blended over what the frame shows. */
  opacity: number;
}

export interface MouthPasteResult {
  data: Uint8Array;
  landmarks: Float32Array;
}

let compositor: Promise<Compositor> | undefined;

/** renderMouth() on a task: exactly the in-process paste, with the crop already read. */
export async function pasteMouth(task: MouthPasteTask): Promise<MouthPasteResult> {
  compositor ??= Compositor.create();
  const crops = { geometry: task.geometry, read: () => Promise.resolve(task.crop) };
  const landmarks = await renderMouth(await compositor, task.frame, task.target, crops, task.source, task.steady, task.opacity);
  return { data: task.frame.data, landmarks };
}

import { readFrames } from '../media/frame-reader';
import { probeVideo } from '../media/probe';

/**
 * Decodes a video and its reference side by side, the reference scaled to the video's size,
 * and hands each pair of frames (by index, up to the shorter of the two) to `visit`. One
 * decode of each file, however many pixel measures run.
 */
export async function forEachFramePair(
  video: string,
  reference: string,
  visit: (index: number, a: Uint8Array, b: Uint8Array) => void,
): Promise<{ width: number; height: number; frames: number }> {
  const v = (await probeVideo(video)).video;
  const r = (await probeVideo(reference)).video;
  const a = readFrames(video, v);
  const b = readFrames(reference, r, { width: v.width, height: v.height });
  let i = 0;
  try {
    for (; ; i++) {
      const [fa, fb] = await Promise.all([a.next(), b.next()]);
      if (fa.done || fb.done) break;
      visit(i, fa.value.data, fb.value.data);
    }
  } finally {
    await a.return(undefined);
    await b.return(undefined);
  }
  return { width: v.width, height: v.height, frames: i };
}

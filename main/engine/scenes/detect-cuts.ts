import { readFrames } from '../media/frame-reader';
import { probeVideo } from '../media/probe';
import { CutDetector } from './cut-detector';

/** Side of the small frames the detector reads: histograms and an 8×8 grid need no more. */
const DETECT_SIDE = 128;

/** Frame indices where a new shot starts (the first frame of each shot but the first), one streaming pass. */
export async function detectCuts(path: string, o: { maxFrames?: number; signal?: AbortSignal } = {}): Promise<number[]> {
  const { video } = await probeVideo(path);
  const k = Math.min(1, DETECT_SIDE / Math.max(video.width, video.height));
  const width = Math.max(2, 2 * Math.round((video.width * k) / 2));
  const height = Math.max(2, 2 * Math.round((video.height * k) / 2));
  const detector = new CutDetector();
  for await (const frame of readFrames(path, video, { maxFrames: o.maxFrames, width, height })) {
    o.signal?.throwIfAborted();
    detector.push(frame);
  }
  return detector.cuts;
}

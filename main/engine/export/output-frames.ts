import { readFrames } from '../media/frame-reader';
import type { VideoStreamInfo } from '../media/probe';
import type { PixelFormat, VideoFrame } from '../pipeline/frame';

export interface FrameRange {
  /** First output frame (inclusive). */
  start: number;
  /** Last output frame (exclusive). */
  end: number;
}

/**
 * Frames [start, end) of the output timeline: source frames, then (pad-video policy) copies of
 * the source's last frame. Any range can be produced on its own, which is what lets an export
 * render in independent, resumable chunks.
 */
export async function* outputFrames(
  path: string,
  video: VideoStreamInfo,
  range: FrameRange,
  sourceFrames: number,
  pixelFormat: PixelFormat = 'rgb24',
): AsyncGenerator<VideoFrame> {
  let held: VideoFrame | undefined;
  let next = range.start;
  const fromSource = Math.min(range.end, sourceFrames) - range.start;
  const pads = range.end > next + Math.max(0, fromSource);
  if (fromSource > 0) {
    // Seek a quarter frame early: ffmpeg drops frames before the seek point, so this keeps
    // frame `start` even when its timestamp rounds down.
    const start = range.start > 0 ? (range.start - 0.25) / video.fps : 0;
    for await (const f of readFrames(path, video, { start, maxFrames: fromSource, pixelFormat })) {
      // The held (last) frame keeps pixels of its own: a stage may move the yielded ones to a thread.
      if (pads && next === range.start + fromSource - 1) held = { ...f, data: f.data.slice() };
      yield { ...f, index: next, time: next / video.fps };
      next++;
    }
  }
  if (next >= range.end) return;
  held ??= await lastSourceFrame(path, video, sourceFrames, pixelFormat);
  if (!held) return;
  const last = held;
  for (; next < range.end; next++) yield { ...last, index: next, time: next / video.fps, data: last.data.slice() };
}

async function lastSourceFrame(
  path: string,
  video: VideoStreamInfo,
  sourceFrames: number,
  pixelFormat: PixelFormat,
): Promise<VideoFrame | undefined> {
  let last: VideoFrame | undefined;
  const start = Math.max(0, sourceFrames - 3) / video.fps;
  for await (const f of readFrames(path, video, { start, pixelFormat })) last = f;
  return last;
}

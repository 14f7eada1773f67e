import { RedubError } from '../errors';
import { frameBytes, type PixelFormat, type VideoFrame } from '../pipeline/frame';
import { lastErrorLine, spawnFfmpeg, toolPath } from './ffmpeg';
import type { VideoStreamInfo } from './probe';

export interface FrameReaderOptions {
  /** Where to start, in seconds of the source. Seeking is frame-accurate. */
  start?: number;
  /** Stop after this many frames. */
  maxFrames?: number;
  /** Output size; defaults to the source's (rotation applied). */
  width?: number;
  height?: number;
  /** rgb24 (default) for stages that touch pixels; yuv420p when frames only pass through. */
  pixelFormat?: PixelFormat;
}

function readerArgs(path: string, video: VideoStreamInfo, o: FrameReaderOptions): string[] {
  const w = o.width ?? video.width;
  const h = o.height ?? video.height;
  const filters = [];
  // A variable-rate source is resampled to its average rate so frame i is at i / fps.
  if (video.variableFrameRate) filters.push(`fps=${video.fpsRational}`);
  if (w !== video.width || h !== video.height) filters.push(`scale=${w}:${h}:flags=area`);
  const args = [];
  if (o.start && o.start > 0) args.push('-ss', o.start.toFixed(6));
  args.push('-i', toolPath(path), '-map', `0:${video.index}`, '-an', '-sn', '-dn');
  if (filters.length) args.push('-vf', filters.join(','));
  args.push('-fps_mode', video.variableFrameRate ? 'cfr' : 'passthrough');
  if (o.maxFrames !== undefined) args.push('-frames:v', String(o.maxFrames));
  // ffmpeg applies the rotation metadata itself (autorotate is on by default).
  args.push('-f', 'rawvideo', '-pix_fmt', o.pixelFormat ?? 'rgb24', 'pipe:1');
  return args;
}

/**
 * The first frame ffmpeg's accurate seek keeps: it drops frames whose time is before `start`,
 * so an off-grid start (1.29 s at 25 fps) begins at the next frame (33), not the nearest (32).
 */
function firstFrameAt(start: number, fps: number): number {
  return Math.ceil(start * fps - 1e-6);
}

/** How many frames the probe says lie between `start` and the end (or `maxFrames`). */
function expectedFrames(video: VideoStreamInfo, start: number, maxFrames?: number): number {
  return Math.max(0, Math.min(maxFrames ?? Infinity, video.frameCount - firstFrameAt(start, video.fps)));
}

/** Short by more than rounding (VFR resampling, edit lists): the file is truncated or corrupt. */
function endsEarly(decoded: number, expected: number): boolean {
  return expected - decoded > Math.max(2, Math.ceil(expected * 0.02));
}

/**
 * Streams decoded frames. Memory stays bounded: the pipe pauses while the consumer is busy,
 * so ffmpeg blocks instead of buffering the whole video.
 */
export async function* readFrames(path: string, video: VideoStreamInfo, options: FrameReaderOptions = {}): AsyncGenerator<VideoFrame> {
  const width = options.width ?? video.width;
  const height = options.height ?? video.height;
  const format = options.pixelFormat ?? 'rgb24';
  const size = frameBytes(width, height, format);
  const startTime = options.start ?? 0;
  const proc = spawnFfmpeg(readerArgs(path, video, options));
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number>((resolve) => proc.on('close', (code) => resolve(code ?? -1)));
  let frame = new Uint8Array(size);
  let filled = 0;
  const firstIndex = firstFrameAt(startTime, video.fps);
  let index = 0;
  let finished = false;
  try {
    for await (const chunk of proc.stdout as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const n = Math.min(size - filled, chunk.length - offset);
        frame.set(chunk.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === size) {
          yield { index: firstIndex + index, time: (firstIndex + index) / video.fps, width, height, format, data: frame };
          index++;
          frame = new Uint8Array(size);
          filled = 0;
        }
      }
    }
    const code = await exited;
    finished = true;
    if (code !== 0) {
      throw new RedubError('MEDIA_UNREADABLE', `cannot decode video at frame ${index} (${lastErrorLine(stderr)})`, path);
    }
    if (index === 0 && startTime === 0) {
      throw new RedubError('MEDIA_UNREADABLE', 'cannot decode video: no frame could be read (file truncated or corrupt?)', path);
    }
    // ffmpeg exits 0 on a file cut short behind an intact index (moov first): it just stops.
    // Callers would then hold the last frame over the missing part, so fail instead.
    const expected = expectedFrames(video, startTime, options.maxFrames);
    if (endsEarly(index, expected)) {
      throw new RedubError(
        'MEDIA_UNREADABLE',
        `video ends early: only ${index} of ${expected} frames could be decoded (file truncated or corrupt?)`,
        path,
      );
    }
  } finally {
    if (!finished) proc.kill('SIGKILL');
  }
}

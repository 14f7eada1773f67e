/**
 * How frame bytes are laid out. Stages that touch pixels need packed RGB24; a run whose stage
 * chain is empty moves frames as planar yuv420p (what decoders produce and encoders take),
 * which halves the bytes and saves two colour conversions a frame.
 */
export type PixelFormat = 'rgb24' | 'yuv420p';

/** One decoded video frame, row-major in its pixel format. */
export interface VideoFrame {
  /** Index in the output timeline (0-based). */
  index: number;
  /** Presentation time in seconds on the output timeline. */
  time: number;
  width: number;
  height: number;
  /** rgb24 when absent. */
  format?: PixelFormat;
  data: Uint8Array;
}

export function frameBytes(width: number, height: number, format: PixelFormat = 'rgb24'): number {
  return format === 'rgb24' ? width * height * 3 : width * height + 2 * Math.ceil(width / 2) * Math.ceil(height / 2);
}

/** The cheapest format a chain can run in: RGB when any stage touches pixels. */
export function pixelFormatFor(stageCount: number, width: number, height: number): PixelFormat {
  return stageCount === 0 && width % 2 === 0 && height % 2 === 0 ? 'yuv420p' : 'rgb24';
}

/** One decoded video frame: packed RGB24, row-major, `width * height * 3` bytes. */
export interface VideoFrame {
  /** Index in the output timeline (0-based). */
  index: number;
  /** Presentation time in seconds on the output timeline. */
  time: number;
  width: number;
  height: number;
  data: Uint8Array;
}

export function frameBytes(width: number, height: number): number {
  return width * height * 3;
}

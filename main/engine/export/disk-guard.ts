import { statfs } from 'node:fs/promises';
import { RedubError } from '../errors';

/**
 * A generous size estimate for an export: chunks and the joined file exist side by side
 * until the end, so twice the expected output. 0.12 bytes per pixel per frame is well above
 * what crf 16 produces for talking heads.
 */
export function estimateExportBytes(width: number, height: number, frames: number): number {
  return 2 * width * height * frames * 0.12 + 16 * 1024 * 1024;
}

/** Refuses to start an export that cannot fit, instead of failing at 90 %. */
export async function ensureFreeSpace(dir: string, bytes: number): Promise<void> {
  const s = await statfs(dir);
  const free = s.bavail * s.bsize;
  if (free < bytes) {
    const mb = (n: number) => `${Math.ceil(n / 1024 / 1024)} MB`;
    throw new RedubError('DISK_FULL', `not enough free space: the export needs about ${mb(bytes)}, ${mb(free)} free`, dir);
  }
}

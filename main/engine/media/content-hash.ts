import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';

/** Files up to this size are hashed whole (SHA-256 runs at several hundred MB/s). */
const FULL_HASH_LIMIT = 64 * 1024 * 1024;
const EDGE = 4 * 1024 * 1024;

/**
 * Content identity of a media file (video or dub audio), independent of its name and mtime: full SHA-256 for
 * ordinary clips; for large files, size + first, middle and last 4 MB (an edit that keeps
 * the size and all three windows is not a realistic case for footage).
 */
export async function mediaContentHash(path: string): Promise<string> {
  const { size } = await stat(path);
  const h = createHash('sha256');
  h.update(`size:${size};`);
  const fh = await open(path, 'r');
  try {
    const windows =
      size <= FULL_HASH_LIMIT
        ? [[0, size]]
        : [
            [0, EDGE],
            [Math.floor(size / 2), EDGE],
            [size - EDGE, EDGE],
          ];
    for (const [at, len] of windows) {
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, at);
      h.update(buf);
    }
  } finally {
    await fh.close();
  }
  return h.digest('hex');
}

import { randomBytes } from 'node:crypto';

/**
 * Preview frames live in memory, addressed by unguessable keys, and are served as
 * /frames/<key>.jpg (originals, via ffmpeg) or .png (edited frames). Bounded: scrubbing produces many frames and only recent ones matter.
 */
export class FrameCache {
  private readonly frames = new Map<string, { bytes: Uint8Array; ext: 'jpg' | 'png' }>();

  constructor(private readonly capacity = 240) {}

  put(bytes: Uint8Array, ext: 'jpg' | 'png' = 'jpg'): string {
    const key = randomBytes(12).toString('hex');
    this.frames.set(key, { bytes, ext });
    while (this.frames.size > this.capacity) {
      const oldest = this.frames.keys().next().value as string;
      this.frames.delete(oldest);
    }
    return `/frames/${key}.${ext}`;
  }

  /** The bytes behind a served path, or undefined. */
  get(path: string): Uint8Array | undefined {
    const m = /^\/frames\/([0-9a-f]{24})\.(jpg|png)$/.exec(path);
    const f = m ? this.frames.get(m[1]) : undefined;
    return f && f.ext === m![2] ? f.bytes : undefined;
  }
}

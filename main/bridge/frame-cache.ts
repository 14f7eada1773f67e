import { randomBytes } from 'node:crypto';

/**
 * Preview frames live in memory, addressed by unguessable keys, and are served as
 * /frames/<key>.jpg. Bounded: scrubbing produces many frames and only recent ones matter.
 */
export class FrameCache {
  private readonly frames = new Map<string, Uint8Array>();

  constructor(private readonly capacity = 240) {}

  put(bytes: Uint8Array): string {
    const key = randomBytes(12).toString('hex');
    this.frames.set(key, bytes);
    while (this.frames.size > this.capacity) {
      const oldest = this.frames.keys().next().value as string;
      this.frames.delete(oldest);
    }
    return `/frames/${key}.jpg`;
  }

  /** The bytes behind a served path, or undefined. */
  get(path: string): Uint8Array | undefined {
    const m = /^\/frames\/([0-9a-f]{24})\.jpg$/.exec(path);
    return m ? this.frames.get(m[1]) : undefined;
  }
}

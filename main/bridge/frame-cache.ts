import { randomBytes } from 'node:crypto';

/**
 * Preview frames live in memory, addressed by unguessable keys, and are served as
 * /frames/<key>.jpg (originals, via ffmpeg) or .png (edited frames). Bounded: scrubbing produces many frames and only recent ones matter.
 */
export class FrameCache {
  private readonly frames = new Map<string, { bytes: Uint8Array; ext: 'jpg' | 'png' }>();
  private readonly files = new Map<string, string>();
  private readonly fileKeys = new Map<string, string>();
  // Thumbnails: a few per project, never evicted (a panel keeps showing them).
  private readonly thumbs = new Map<string, string>();
  private readonly thumbKeys = new Map<string, string>();

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

  /**
   * A rendered chunk's file, served as /rendered/<key>.mp4 for playback: by an unguessable key,
   * never by path. The same file keeps its URL, so a playing element is not reloaded.
   */
  putFile(path: string): string {
    let key = this.fileKeys.get(path);
    if (!key) {
      key = randomBytes(12).toString('hex');
      this.fileKeys.set(path, key);
      this.files.set(key, path);
      while (this.files.size > this.capacity) {
        const oldest = this.files.keys().next().value as string;
        this.fileKeys.delete(this.files.get(oldest)!);
        this.files.delete(oldest);
      }
    }
    return `/rendered/${key}.mp4`;
  }

  /** A speaker's thumbnail PNG (in the engine's cache), served as /thumbs/<key>.png; the same file keeps its URL. */
  putThumbnail(path: string): string {
    let key = this.thumbKeys.get(path);
    if (!key) {
      key = randomBytes(12).toString('hex');
      this.thumbKeys.set(path, key);
      this.thumbs.set(key, path);
    }
    return `/thumbs/${key}.png`;
  }

  /** The file behind a served /thumbs/ path, or undefined. */
  getThumbnail(path: string): string | undefined {
    const m = /^\/thumbs\/([0-9a-f]{24})\.png$/.exec(path);
    return m ? this.thumbs.get(m[1]) : undefined;
  }

  /** The file behind a served /rendered/ path, or undefined. */
  getFile(path: string): string | undefined {
    const m = /^\/rendered\/([0-9a-f]{24})\.mp4$/.exec(path);
    return m ? this.files.get(m[1]) : undefined;
  }

  /** The bytes behind a served path, or undefined. */
  get(path: string): Uint8Array | undefined {
    const m = /^\/frames\/([0-9a-f]{24})\.(jpg|png)$/.exec(path);
    const f = m ? this.frames.get(m[1]) : undefined;
    return f && f.ext === m![2] ? f.bytes : undefined;
  }
}

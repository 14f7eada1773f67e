import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { buildFileOnce } from '../../cache/build-once';
import { pinCacheEntry } from '../../cache/cache-store';
import { alignFace } from '../../compositing';
import type { FaceTrack } from '../../face/types';
import { readFrames } from '../../media/frame-reader';
import { probeVideo } from '../../media/probe';
import { engineSettings } from '../../settings';
import { BankChunks } from './bank-chunks';
import { BankEncoder, CHUNK_FRAMES, type ChunkSource } from './bank-codec';
import { mainFaceAt } from './plan';

/**
 * The speaker's own mouths: for every frame with a tracked face, the lower face aligned to the
 * ffhq template at the face's native scale (so no detail is lost), stored on disk as H.264 4:4:4
 * in closed chunks (bank-codec.ts: ≈ 11 KB a frame instead of 540–780 KB raw, PSNR ≈ 46 dB).
 * Memory stays flat whatever the length: a bounded LRU of decoded chunks, filled ahead of the
 * reads the render plan announces (bank-chunks.ts); an unforeseen read costs one chunk decode.
 */
export interface BankGeometry {
  /** Side of the (virtual) aligned crop. */
  size: number;
  /** The stored part of the crop: the lower face, [x0, x1) × [y0, y1) in crop pixels. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Lower face in the ffhq template: from just under the eyes to past the chin, cheek to cheek. */
const REGION = { x0: 0.06, y0: 0.5, x1: 0.94, y1: 1.0 };
const EYE_DISTANCE_IN_TEMPLATE = 0.246;
/** 2: encoded chunks (1 was raw records; those files are no longer asked for and age out of the cache). */
const BANK_VERSION = 2;

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)] ?? 0;
}

/** Crop size that keeps the face at its native resolution (eye distance in pixels unchanged). */
export function bankGeometry(track: FaceTrack): BankGeometry {
  const eyes = track.frames
    .map((_, i) => mainFaceAt(track, i))
    .filter((f) => !!f)
    .map((f) => {
      const p = f!.landmarks;
      return Math.hypot(p[3 * 263] - p[3 * 33], p[3 * 263 + 1] - p[3 * 33 + 1]);
    });
  const size = Math.min(1024, Math.max(192, Math.ceil(median(eyes) / EYE_DISTANCE_IN_TEMPLATE / 16) * 16));
  return {
    size,
    x0: Math.round(REGION.x0 * size),
    y0: Math.round(REGION.y0 * size),
    x1: Math.round(REGION.x1 * size),
    y1: Math.round(REGION.y1 * size),
  };
}

/** The bank file's trailer: where each chunk of the encoded stream lies. */
interface BankLayout {
  v: number;
  width: number;
  height: number;
  frames: number;
  chunkFrames: number;
  chunks: [number, number][];
}

const MAGIC = 'RMB2';

async function readLayout(file: FileHandle): Promise<BankLayout> {
  const { size } = await file.stat();
  const foot = Buffer.alloc(8);
  if (size >= 8) await file.read(foot, 0, 8, size - 8);
  if (size < 8 || foot.toString('ascii', 4, 8) !== MAGIC) throw new Error('not an RMB2 mouth bank');
  const len = foot.readUInt32LE(0);
  const json = Buffer.alloc(len);
  await file.read(json, 0, len, size - 8 - len);
  return JSON.parse(json.toString('utf8')) as BankLayout;
}

/** What a paste needs of a bank: its geometry and a source frame's crop (a pool thread gets the crop handed over). */
export interface BankCrops {
  readonly geometry: BankGeometry;
  read(sourceIndex: number): Promise<Uint8Array>;
}

/** How reads the plan did not announce are decoded: by a decoder kept running (default), or each by one of its own. */
export interface BankReadOptions {
  warmDecoder?: boolean;
  /** Cap of the decoded-chunk LRU (default 64 MB, bank-chunks.ts). */
  cacheBytes?: number;
}

export class MouthBank implements BankCrops {
  private readonly chunks: BankChunks;

  private constructor(
    readonly geometry: BankGeometry,
    private readonly file: FileHandle,
    /** Source frame index → record number. */
    private readonly slots: Map<number, number>,
    private readonly layout: BankLayout,
    /** Releases the cache pin: an open bank is never evicted. */
    private readonly unpin: () => void,
    opts: BankReadOptions,
  ) {
    this.chunks = new BankChunks(layout.chunkFrames * this.recordBytes, (c) => this.chunkSource(c), this.recordBytes, opts);
  }

  get recordBytes(): number {
    const g = this.geometry;
    return (g.x1 - g.x0) * (g.y1 - g.y0) * 3;
  }

  /** Decoded chunks held in memory now, the most there may be (their cap), and unforeseen reads that started an ffmpeg of their own. */
  get decodedChunks(): { held: number; capacity: number; spawned: number } {
    return { held: this.chunks.held, capacity: this.chunks.capacity, spawned: this.chunks.spawned };
  }

  has(sourceIndex: number): boolean {
    return this.slots.has(sourceIndex);
  }

  /**
   * The source frames about to be read, in order (from the render plan): their chunks are
   * decoded ahead, each once while it stays in the LRU. Reads work without it, only slower.
   */
  expect(sourceIndices: number[]): void {
    const chunks = sourceIndices.map((i) => this.slots.get(i)).filter((s) => s !== undefined);
    this.chunks.expect(chunks.map((s) => Math.floor(s / this.layout.chunkFrames)));
  }

  /** The stored lower-face crop of a source frame (RGB24, region-sized, a buffer of its own). */
  async read(sourceIndex: number): Promise<Uint8Array> {
    const slot = this.slots.get(sourceIndex);
    if (slot === undefined) throw new Error(`frame ${sourceIndex} is not in the mouth bank`);
    const c = Math.floor(slot / this.layout.chunkFrames);
    const k = slot - c * this.layout.chunkFrames;
    const chunk = await this.chunks.get(c);
    return new Uint8Array(chunk.buffer, chunk.byteOffset + k * this.recordBytes, this.recordBytes).slice();
  }

  private chunkSource(c: number): ChunkSource {
    const [offset, length] = this.layout.chunks[c];
    return {
      frames: Math.min(this.layout.chunkFrames, this.layout.frames - c * this.layout.chunkFrames),
      read: async () => {
        const data = Buffer.alloc(length);
        await this.file.read(data, 0, length, offset);
        return data;
      },
    };
  }

  async close(): Promise<void> {
    this.chunks.close();
    this.unpin();
    await this.file.close();
  }

  /** Opens the cached bank of this video and track, building it first if needed. */
  static async load(videoPath: string, track: FaceTrack, opts: BankReadOptions = {}): Promise<MouthBank> {
    const geometry = bankGeometry(track);
    const slots = new Map<number, number>();
    track.frames.forEach((_, i) => mainFaceAt(track, i) && slots.set(i, slots.size));
    const path = bankPath(track, geometry);
    // Preview warm-up and an export may both ask at once: one build per key (build-once.ts).
    // The cache cap may have evicted it (between projects, or another process between these
    // lines): then it is simply built again.
    for (let attempt = 0; ; attempt++) {
      await buildFileOnce(path, (tmp) => buildBank(videoPath, track, geometry, slots, tmp));
      const unpin = pinCacheEntry(path);
      let file: FileHandle | undefined;
      try {
        file = await open(path, 'r');
        const layout = await readLayout(file);
        if (layout.frames !== slots.size) throw new Error(`holds ${layout.frames} frames, the face track ${slots.size}`);
        return new MouthBank(geometry, file, slots, layout, unpin, opts);
      } catch (e) {
        unpin();
        await file?.close();
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 0) throw new Error(`${path}: ${(e as Error).message}`);
      }
    }
  }
}

function bankPath(track: FaceTrack, g: BankGeometry): string {
  const key = createHash('sha256')
    .update(JSON.stringify({ v: BANK_VERSION, video: track.videoHash, g, main: track.mainTrackId, n: track.frames.length }))
    .digest('hex')
    .slice(0, 32);
  return join(engineSettings().cacheDir, 'mouth-banks', `${key}.bank`);
}

function copyRegion(crop: Uint8Array, size: number, g: BankGeometry, out: Uint8Array): void {
  const w = (g.x1 - g.x0) * 3;
  for (let y = g.y0; y < g.y1; y++) out.set(crop.subarray((y * size + g.x0) * 3, (y * size + g.x0) * 3 + w), (y - g.y0) * w);
}

/**
 * One pass over the video: align every tracked frame and encode its lower face (bank-codec.ts)
 * into `tmp`, then append the chunk table and the trailer.
 */
async function buildBank(videoPath: string, track: FaceTrack, g: BankGeometry, slots: Map<number, number>, tmp: string): Promise<void> {
  const file = await open(tmp, 'w');
  const [width, height] = [g.x1 - g.x0, g.y1 - g.y0];
  let at = 0;
  const encoder = new BankEncoder(width, height, async (data) => {
    const pos = at;
    at += data.length;
    await file.write(data, 0, data.length, pos);
  });
  try {
    const info = await probeVideo(videoPath);
    let written = 0;
    for await (const frame of readFrames(videoPath, info.video, { maxFrames: track.frames.length })) {
      const face = mainFaceAt(track, frame.index);
      if (slots.get(frame.index) !== written || !face) continue;
      const { crop } = await alignFace(frame, face.landmarks, 'ffhq_512', g.size);
      // A new buffer per frame: the encoder's pipe holds on to what it was given until written.
      const record = new Uint8Array(width * height * 3);
      copyRegion(crop.data, g.size, g, record);
      await encoder.write(record);
      written++;
    }
    if (written !== slots.size) throw new Error(`decoded ${written} of ${slots.size} tracked frames`);
    const chunks = await encoder.finish();
    const layout: BankLayout = {
      v: BANK_VERSION,
      width,
      height,
      frames: written,
      chunkFrames: CHUNK_FRAMES,
      chunks: chunks.map((c) => [c.offset, c.length]),
    };
    const json = Buffer.from(JSON.stringify(layout));
    const foot = Buffer.alloc(8);
    foot.writeUInt32LE(json.length, 0);
    foot.write(MAGIC, 4, 'ascii');
    await file.write(Buffer.concat([json, foot]), 0, json.length + 8, at);
  } catch (e) {
    encoder.abort();
    throw e;
  } finally {
    await file.close().catch(() => undefined);
  }
}

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
import { mainFaceAt } from './plan';

/**
 * The speaker's own mouths: for every frame with a tracked face, the lower face aligned to the
 * ffhq template at the face's native scale (so no detail is lost), stored on disk as fixed-size
 * records. Memory stays flat whatever the length; any frame is one positioned read away.
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
const BANK_VERSION = 1;

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

/** What a paste needs of a bank: its geometry and a source frame's crop (a pool thread gets the crop handed over). */
export interface BankCrops {
  readonly geometry: BankGeometry;
  read(sourceIndex: number): Promise<Uint8Array>;
}

export class MouthBank implements BankCrops {
  private constructor(
    readonly geometry: BankGeometry,
    private readonly file: FileHandle,
    /** Source frame index → record number. */
    private readonly slots: Map<number, number>,
    /** Releases the cache pin: an open bank is never evicted. */
    private readonly unpin: () => void,
  ) {}

  get recordBytes(): number {
    const g = this.geometry;
    return (g.x1 - g.x0) * (g.y1 - g.y0) * 3;
  }

  has(sourceIndex: number): boolean {
    return this.slots.has(sourceIndex);
  }

  /** The stored lower-face crop of a source frame (RGB24, region-sized). */
  async read(sourceIndex: number): Promise<Uint8Array> {
    const slot = this.slots.get(sourceIndex);
    if (slot === undefined) throw new Error(`frame ${sourceIndex} is not in the mouth bank`);
    const buf = new Uint8Array(this.recordBytes);
    await this.file.read(buf, 0, buf.length, slot * buf.length);
    return buf;
  }

  async close(): Promise<void> {
    this.unpin();
    await this.file.close();
  }

  /** Opens the cached bank of this video and track, building it first if needed. */
  static async load(videoPath: string, track: FaceTrack): Promise<MouthBank> {
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
      try {
        return new MouthBank(geometry, await open(path, 'r'), slots, unpin);
      } catch (e) {
        unpin();
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 0) throw e;
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

/** One pass over the video: align every tracked frame and write its lower face into `tmp`. */
async function buildBank(videoPath: string, track: FaceTrack, g: BankGeometry, slots: Map<number, number>, tmp: string): Promise<void> {
  const file = await open(tmp, 'w');
  const record = new Uint8Array((g.x1 - g.x0) * (g.y1 - g.y0) * 3);
  try {
    const info = await probeVideo(videoPath);
    for await (const frame of readFrames(videoPath, info.video, { maxFrames: track.frames.length })) {
      const slot = slots.get(frame.index);
      const face = mainFaceAt(track, frame.index);
      if (slot === undefined || !face) continue;
      const { crop } = await alignFace(frame, face.landmarks, 'ffhq_512', g.size);
      copyRegion(crop.data, g.size, g, record);
      await file.write(record, 0, record.length, slot * record.length);
    }
  } finally {
    await file.close().catch(() => undefined);
  }
}

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { cacheEntryWritten, touchCacheEntry } from '../../cache/cache-store';
import { MESH_POINTS, type FaceTrack, type FrameFaces } from '../types';

/**
 * Compact track file: "RFT1", u32 header length, JSON header (video facts and per-face
 * id/box/score), then every face's 468×3 float32 landmarks in order of appearance.
 * JSON keeps it debuggable; the binary part keeps it small and fast to load.
 */
const MAGIC = 'RFT1';
const POINT_FLOATS = MESH_POINTS * 3;

interface Header {
  videoHash: string;
  fps: number;
  width: number;
  height: number;
  mainTrackId: number | null;
  cuts?: number[];
  appearance?: FaceTrack['appearance'];
  /** Per frame: [trackId, x, y, w, h, score] per face. */
  frames: [number, number[][]][];
}

export function encodeTrack(track: FaceTrack): Buffer {
  const header: Header = {
    ...track,
    frames: track.frames.map((f) => [f.index, f.faces.map((x) => [x.trackId, x.box.x, x.box.y, x.box.w, x.box.h, x.score])]),
  };
  const json = Buffer.from(JSON.stringify(header));
  const faces = track.frames.flatMap((f) => f.faces);
  const blob = new Float32Array(faces.length * POINT_FLOATS);
  faces.forEach((f, i) => blob.set(f.landmarks, i * POINT_FLOATS));
  const head = Buffer.alloc(8);
  head.write(MAGIC, 0, 'ascii');
  head.writeUInt32LE(json.length, 4);
  return Buffer.concat([head, json, Buffer.from(blob.buffer)]);
}

export function decodeTrack(buf: Buffer): FaceTrack | undefined {
  if (buf.length < 8 || buf.toString('ascii', 0, 4) !== MAGIC) return undefined;
  const len = buf.readUInt32LE(4);
  const header = JSON.parse(buf.toString('utf8', 8, 8 + len)) as Header;
  // Copy to an aligned buffer: the landmark block may start at any byte offset.
  const bytes = buf.subarray(8 + len);
  const blob = new Float32Array(bytes.length >> 2);
  new Uint8Array(blob.buffer).set(bytes.subarray(0, blob.length * 4));
  let k = 0;
  const frames: FrameFaces[] = header.frames.map(([index, faces]) => ({
    index,
    faces: faces.map(([trackId, x, y, w, h, score]) => ({
      trackId,
      box: { x, y, w, h },
      score,
      landmarks: blob.subarray(POINT_FLOATS * k, POINT_FLOATS * ++k),
    })),
  }));
  if (k * POINT_FLOATS !== blob.length) return undefined;
  return { ...header, frames };
}

export async function readTrackFile(path: string): Promise<FaceTrack | undefined> {
  try {
    const track = decodeTrack(await readFile(path));
    if (track) await touchCacheEntry(path);
    return track;
  } catch {
    // Missing or corrupt: recompute.
    return undefined;
  }
}

/** Atomic write: a crash mid-write leaves no half file for the next run to trust. */
export async function writeTrackFile(path: string, track: FaceTrack): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, encodeTrack(track));
  await rename(tmp, path);
  await cacheEntryWritten(path);
}

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { cacheEntryWritten, touchCacheEntry } from '../../cache/cache-store';
import { MESH_POINTS, type FaceTrack, type FrameFaces, type TrackedFace } from '../types';

/**
 * Compact track file: "RFT2", u32 header length, JSON header (video facts and per-face
 * id/box/score), then every face's 468×3 landmarks in order of appearance as int16, relative
 * to its box: (p − box centre) / step with step = 2·max(w, h) / 65534 (z: p / step), i.e.
 * ±1 box size, twice the mesh's reach (its box is the mesh's bounds). For a 300 px face the
 * step is 0.009 px, the error at most half that: 2.8 KB a frame instead of 5.6 (RFT1: float32,
 * still read). JSON keeps it debuggable; the binary part keeps it small and fast to load.
 */
const MAGIC = 'RFT2';
const FLOAT_MAGIC = 'RFT1';
const POINT_FLOATS = MESH_POINTS * 3;
const HALF_RANGE = 32767;

/** The quantisation of one face's landmarks: origin and step, from its box alone. */
function grid(box: { x: number; y: number; w: number; h: number }): { cx: number; cy: number; step: number } {
  return { cx: box.x + box.w / 2, cy: box.y + box.h / 2, step: Math.max(box.w, box.h, 1) / HALF_RANGE };
}

function quantise(f: TrackedFace, out: Int16Array, at: number): void {
  const { cx, cy, step } = grid(f.box);
  const q = (v: number) => Math.max(-HALF_RANGE, Math.min(HALF_RANGE, Math.round(v / step)));
  const p = f.landmarks;
  for (let i = 0; i < POINT_FLOATS; i += 3) {
    out[at + i] = q(p[i] - cx);
    out[at + i + 1] = q(p[i + 1] - cy);
    out[at + i + 2] = q(p[i + 2]);
  }
}

function dequantise(box: TrackedFace['box'], q: Int16Array): Float32Array {
  const { cx, cy, step } = grid(box);
  const p = new Float32Array(POINT_FLOATS);
  for (let i = 0; i < POINT_FLOATS; i += 3) {
    p[i] = cx + q[i] * step;
    p[i + 1] = cy + q[i + 1] * step;
    p[i + 2] = q[i + 2] * step;
  }
  return p;
}

interface Header {
  videoHash: string;
  fps: number;
  width: number;
  height: number;
  mainTrackId: number | null;
  cuts?: number[];
  repeats?: number[];
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
  const blob = new Int16Array(faces.length * POINT_FLOATS);
  faces.forEach((f, i) => quantise(f, blob, i * POINT_FLOATS));
  const head = Buffer.alloc(8);
  head.write(MAGIC, 0, 'ascii');
  head.writeUInt32LE(json.length, 4);
  return Buffer.concat([head, json, Buffer.from(blob.buffer)]);
}

/** The track as a cache read gives it back (landmarks on the RFT2 grid): a computed track is used in this form too. */
export function quantisedTrack(track: FaceTrack): FaceTrack {
  return decodeTrack(encodeTrack(track))!;
}

export function decodeTrack(buf: Buffer): FaceTrack | undefined {
  const magic = buf.length >= 8 ? buf.toString('ascii', 0, 4) : '';
  if (magic !== MAGIC && magic !== FLOAT_MAGIC) return undefined;
  const len = buf.readUInt32LE(4);
  const header = JSON.parse(buf.toString('utf8', 8, 8 + len)) as Header;
  // Copy to an aligned buffer: the landmark block may start at any byte offset.
  const bytes = buf.subarray(8 + len);
  const blob = magic === MAGIC ? new Int16Array(bytes.length >> 1) : new Float32Array(bytes.length >> 2);
  new Uint8Array(blob.buffer).set(bytes.subarray(0, blob.byteLength));
  let k = 0;
  const frames: FrameFaces[] = header.frames.map(([index, faces]) => ({
    index,
    faces: faces.map(([trackId, x, y, w, h, score]) => {
      const box = { x, y, w, h };
      const points = blob.subarray(POINT_FLOATS * k, POINT_FLOATS * ++k);
      const landmarks = points instanceof Int16Array ? dequantise(box, points) : points;
      return { trackId, box, score, landmarks };
    }),
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

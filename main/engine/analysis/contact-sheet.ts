import { isAbsolute } from 'node:path';
import { analyzeVideo } from '../face/analyze';
import { faceHeight } from '../face/geometry';
import { LIPS_OUTER } from '../face/mesh-regions';
import type { FaceTrack } from '../face/types';
import { ffmpegTools, lastErrorLine, runTool } from '../media/ffmpeg';
import { probeVideo } from '../media/probe';
import { RedubError } from '../errors';
import { headPose } from '../lipsync/builtin/mouth-shape';
import { mainFaces } from './face-series';
import { forEachFramePair } from './frame-pairs';

/**
 * A contact sheet of a dub (issue 10): mouth crops of the original (top row) and of the dub
 * (second row) at evenly spaced times, then full frames, original beside dub, where the head is
 * most tilted down and most turned. Meant to be looked at: identity (nose, cheeks, outline),
 * mouth shapes and seams show at a glance.
 */
export interface ContactSheetRequest {
  /** The undubbed video (its faces place the crops). */
  original: string;
  dubbed: string;
  /** PNG path (absolute). */
  out: string;
  /** Mouth crops per row (default 8). */
  columns?: number;
  /** Side of a mouth crop in the sheet, px (default 160). */
  cell?: number;
}

export type PoseKind = 'head down' | 'turned';

export interface ContactSheet {
  out: string;
  width: number;
  height: number;
  /** Frame indices of the mouth-crop columns, left to right. */
  mouthFrames: number[];
  /** Full-frame pairs in the last row, left to right. */
  poseFrames: { index: number; kind: PoseKind }[];
}

interface Image {
  width: number;
  height: number;
  data: Uint8Array;
}

const GAP = 4;
const BACKGROUND = 32;

/** Frames with the face spread evenly over the video (the middle of each of n equal parts). */
function evenlySpaced(faced: number[], n: number): number[] {
  if (!faced.length) return [];
  const k = Math.min(n, faced.length);
  return Array.from({ length: k }, (_, i) => faced[Math.floor(((i + 0.5) * faced.length) / k)]);
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;

/**
 * The frame where the head is most tilted down (nose tip lowest under the eyes against the clip's
 * median) and the one most turned (nose tip furthest sideways from the eyes' midpoint).
 */
export function poseFrames(track: FaceTrack): { index: number; kind: PoseKind }[] {
  const poses = mainFaces(track).map((f) => f && headPose(f.landmarks));
  const seen = poses.map((_, i) => i).filter((i) => poses[i]);
  if (!seen.length) return [];
  const [yaw0, pitch0] = [median(seen.map((i) => poses[i]![1])), median(seen.map((i) => poses[i]![2]))];
  const arg = (score: (i: number) => number) => seen.reduce((best, i) => (score(i) > score(best) ? i : best), seen[0]);
  const down = arg((i) => poses[i]![2] - pitch0);
  const turned = arg((i) => Math.abs(poses[i]![1] - yaw0));
  const out: { index: number; kind: PoseKind }[] = [{ index: down, kind: 'head down' }];
  if (turned !== down) out.push({ index: turned, kind: 'turned' });
  return out;
}

/** A square around the lips, 0.6 face heights wide, in video pixels (`scale`: reference → video). */
function mouthSquare(landmarks: Float32Array, scale: number): { cx: number; cy: number; side: number } {
  let [x, y] = [0, 0];
  for (const k of LIPS_OUTER) [x, y] = [x + landmarks[3 * k], y + landmarks[3 * k + 1]];
  return { cx: (scale * x) / LIPS_OUTER.length, cy: (scale * y) / LIPS_OUTER.length, side: 0.6 * scale * faceHeight(landmarks) };
}

/** Bilinear resample of the source rectangle (x0, y0, w, h) of an RGB frame to out.width × out.height (edges clamped). */
function resample(rgb: Uint8Array, width: number, height: number, x0: number, y0: number, w: number, h: number, out: Image): Image {
  for (let oy = 0; oy < out.height; oy++) {
    const sy = Math.min(height - 1, Math.max(0, y0 + ((oy + 0.5) * h) / out.height - 0.5));
    const [ya, fy] = [Math.floor(sy), sy - Math.floor(sy)];
    const yb = Math.min(height - 1, ya + 1);
    for (let ox = 0; ox < out.width; ox++) {
      const sx = Math.min(width - 1, Math.max(0, x0 + ((ox + 0.5) * w) / out.width - 0.5));
      const [xa, fx] = [Math.floor(sx), sx - Math.floor(sx)];
      const xb = Math.min(width - 1, xa + 1);
      for (let c = 0; c < 3; c++) {
        const p = (yy: number, xx: number) => rgb[3 * (yy * width + xx) + c];
        const top = p(ya, xa) * (1 - fx) + p(ya, xb) * fx;
        const bottom = p(yb, xa) * (1 - fx) + p(yb, xb) * fx;
        out.data[3 * (oy * out.width + ox) + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return out;
}

const blank = (width: number, height: number): Image => ({ width, height, data: new Uint8Array(width * height * 3) });

function paste(sheet: Image, img: Image, x: number, y: number): void {
  for (let r = 0; r < img.height; r++)
    sheet.data.set(img.data.subarray(r * img.width * 3, (r + 1) * img.width * 3), ((y + r) * sheet.width + x) * 3);
}

async function writePng(img: Image, out: string): Promise<void> {
  const args = ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${img.width}x${img.height}`, '-i', 'pipe:0'];
  const r = await runTool(ffmpegTools().ffmpeg, [...args, '-frames:v', '1', out], Buffer.from(img.data.buffer, img.data.byteOffset));
  if (r.code !== 0) throw new RedubError('FFMPEG_FAILED', `contact sheet not written: ${lastErrorLine(r.stderr)}`, out);
}

/** Decodes both videos once and writes the sheet. */
export async function writeContactSheet(req: ContactSheetRequest): Promise<ContactSheet> {
  if (!isAbsolute(req.out)) throw new Error(`contact-sheet.ts: the sheet's path must be absolute, got ${req.out}`);
  const [cell, columns] = [req.cell ?? 160, req.columns ?? 8];
  const track = await analyzeVideo(req.original);
  const faces = mainFaces(track);
  const mouthFrames = evenlySpaced(
    faces.map((_, i) => i).filter((i) => faces[i]),
    columns,
  );
  if (!mouthFrames.length) throw new RedubError('NO_FACE', 'contact sheet: no face found in the original', req.original);
  const poses = poseFrames(track);
  const { width: w, height: h } = (await probeVideo(req.dubbed)).video;
  const crops = new Map<number, [Image, Image]>();
  const fulls = new Map<number, [Image, Image]>();
  const fullHeight = 2 * cell + GAP;
  const fullWidth = Math.round((fullHeight * w) / h);
  await forEachFramePair(req.dubbed, req.original, (i, dub, orig) => {
    if (mouthFrames.includes(i)) {
      const s = mouthSquare(faces[i]!.landmarks, w / track.width);
      const crop = (rgb: Uint8Array) => resample(rgb, w, h, s.cx - s.side / 2, s.cy - s.side / 2, s.side, s.side, blank(cell, cell));
      crops.set(i, [crop(orig), crop(dub)]);
    }
    if (poses.some((p) => p.index === i)) {
      const frame = (rgb: Uint8Array) => resample(rgb, w, h, 0, 0, w, h, blank(fullWidth, fullHeight));
      fulls.set(i, [frame(orig), frame(dub)]);
    }
  });
  const sheetWidth = Math.max(mouthFrames.length * (cell + GAP), poses.length * 2 * (fullWidth + GAP)) + GAP;
  const sheet = blank(sheetWidth, GAP + 2 * (cell + GAP) + (poses.length ? fullHeight + GAP : 0));
  sheet.data.fill(BACKGROUND);
  mouthFrames.forEach((i, k) => {
    const pair = crops.get(i);
    if (!pair) return;
    paste(sheet, pair[0], GAP + k * (cell + GAP), GAP);
    paste(sheet, pair[1], GAP + k * (cell + GAP), GAP + cell + GAP);
  });
  poses.forEach((p, k) => {
    const pair = fulls.get(p.index);
    if (!pair) return;
    const x = GAP + 2 * k * (fullWidth + GAP);
    paste(sheet, pair[0], x, GAP + 2 * (cell + GAP));
    paste(sheet, pair[1], x + fullWidth + GAP, GAP + 2 * (cell + GAP));
  });
  await writePng(sheet, req.out);
  return { out: req.out, width: sheet.width, height: sheet.height, mouthFrames, poseFrames: poses };
}

/** What the neural adapter tests measure on real frames: masked PSNR and region brightness. */
import { dilate, fillPolygon } from '../../../main/engine/analysis/lower-face-mask';
import { mainFaces } from '../../../main/engine/analysis/face-series';
import { MaskedError } from '../../../main/engine/analysis/psnr';
import { faceHeight } from '../../../main/engine/face/geometry';
import type { FaceTrack } from '../../../main/engine/face/types';
import { FACE_OVAL, LIPS_OUTER } from '../../../main/engine/face/mesh-regions';
import { extractFramesRgb } from '../../helpers/media';

type Pt = [number, number];
const polygonOf = (p: Float32Array, idx: readonly number[]): Pt[] => idx.map((i) => [p[3 * i], p[3 * i + 1]]);

/** The face oval dilated by `margin` × face height: what an enhancer may change. */
export function faceOvalMask(landmarks: Float32Array, width: number, height: number, margin = 0.1): Uint8Array {
  const filled = fillPolygon(polygonOf(landmarks, FACE_OVAL), width, height);
  return dilate(filled, width, height, Math.max(1, Math.round(margin * faceHeight(landmarks))));
}

export interface Clip {
  width: number;
  height: number;
  frames: Buffer[];
}

export async function readClip(path: string, count: number, width: number, height: number): Promise<Clip> {
  return { width, height, frames: await extractFramesRgb(path, 0, count) };
}

/** PSNR of `a` against `b` outside each frame's mask (frames without a face: whole frame). */
export function psnrOutside(a: Clip, b: Clip, track: FaceTrack, mask: (lm: Float32Array, w: number, h: number) => Uint8Array): number {
  const faces = mainFaces(track);
  const err = new MaskedError();
  a.frames.forEach((fa, i) => {
    const face = faces[i];
    err.add(fa, b.frames[i], face ? mask(face.landmarks, a.width, a.height) : undefined);
  });
  return err.psnr();
}

/** Mean of (a − b) over the outer-lip polygon of each frame, all channels (NaN without a face). */
export function mouthShift(a: Clip, b: Clip, track: FaceTrack): number[] {
  const faces = mainFaces(track);
  return a.frames.map((fa, i) => {
    const face = faces[i];
    if (!face) return NaN;
    const inside = fillPolygon(polygonOf(face.landmarks, LIPS_OUTER), a.width, a.height);
    let sum = 0,
      n = 0;
    for (let p = 0; p < inside.length; p++) {
      if (!inside[p]) continue;
      for (let c = 0; c < 3; c++) sum += fa[3 * p + c] - b.frames[i][3 * p + c];
      n += 3;
    }
    return sum / n;
  });
}

/** Pearson correlation of two equal-length series. */
export function correlation(x: number[], y: number[]): number {
  const n = x.length;
  const [mx, my] = [x.reduce((s, v) => s + v, 0) / n, y.reduce((s, v) => s + v, 0) / n];
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** The lag (frames, within ±maxLag) at which `measured` best follows `expected`. */
export function bestLag(measured: number[], expected: number[], maxLag = 3): number {
  let best = 0,
    bestR = -Infinity;
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    const xs: number[] = [],
      ys: number[] = [];
    for (let i = 0; i < measured.length; i++) {
      const j = i - lag;
      if (j < 0 || j >= expected.length || Number.isNaN(measured[i])) continue;
      xs.push(measured[i]);
      ys.push(expected[j]);
    }
    const r = correlation(xs, ys);
    if (r > bestR) [best, bestR] = [lag, r];
  }
  return best;
}

/** The face oval shrunk towards its centre: pixels well inside what an enhancer pastes. */
function innerFace(landmarks: Float32Array, width: number, height: number, scale = 0.75): Uint8Array {
  const poly = polygonOf(landmarks, FACE_OVAL);
  const [cx, cy] = [poly.reduce((s, p) => s + p[0], 0) / poly.length, poly.reduce((s, p) => s + p[1], 0) / poly.length];
  return fillPolygon(
    poly.map(([x, y]) => [cx + (x - cx) * scale, cy + (y - cy) * scale] as Pt),
    width,
    height,
  );
}

/**
 * Least-squares slope of (out − in) against (127.5 − in) inside the face: an enhancer fixture
 * that scales the [−1,1] face by k, blended in by b, gives b·(1 − k) at every pixel.
 */
export function contrastSlope(out: Clip, input: Clip, track: FaceTrack): number {
  const faces = mainFaces(track);
  let sxy = 0,
    sxx = 0;
  out.frames.forEach((fo, i) => {
    const face = faces[i];
    if (!face) return;
    const inside = innerFace(face.landmarks, out.width, out.height);
    const fi = input.frames[i];
    for (let p = 0; p < inside.length; p++) {
      if (!inside[p]) continue;
      for (let c = 3 * p; c < 3 * p + 3; c++) {
        const x = 127.5 - fi[c];
        sxy += x * (fo[c] - fi[c]);
        sxx += x * x;
      }
    }
  });
  return sxy / sxx;
}

/**
 * What mouthShift should read when frame i's mouth got `shift[i]` (in [0,1] units) added and
 * clipped to 0..255, as the wav2lip fixture does: the clipping makes the response non-linear,
 * so the prediction is made from the input's own pixels.
 */
export function predictedMouthShift(input: Clip, track: FaceTrack, shift: number[]): number[] {
  const faces = mainFaces(track);
  return input.frames.map((fi, i) => {
    const face = faces[i];
    if (!face) return NaN;
    const inside = fillPolygon(polygonOf(face.landmarks, LIPS_OUTER), input.width, input.height);
    let sum = 0,
      n = 0;
    for (let p = 0; p < inside.length; p++) {
      if (!inside[p]) continue;
      for (let c = 3 * p; c < 3 * p + 3; c++) sum += Math.min(255, Math.max(0, fi[c] + 255 * shift[i])) - fi[c];
      n += 3;
    }
    return sum / n;
  });
}

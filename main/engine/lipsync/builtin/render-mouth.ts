import { convexHull } from '../../face/polygons';
import {
  alignmentMatrix,
  invertAffine,
  polygonMask,
  transformLandmarks,
  type Affine,
  type Compositor,
  type FaceMask,
} from '../../compositing';
import { faceHeight } from '../../face/geometry';
import type { VideoFrame } from '../../pipeline/frame';
import type { BankGeometry, MouthBank } from './mouth-bank';

/** a ∘ b: apply b, then a. */
function compose(a: Affine, b: Affine): Affine {
  return [
    a[0] * b[0] + a[1] * b[3],
    a[0] * b[1] + a[1] * b[4],
    a[0] * b[2] + a[1] * b[5] + a[2],
    a[3] * b[0] + a[4] * b[3],
    a[3] * b[1] + a[4] * b[4],
    a[3] * b[2] + a[4] * b[5] + a[5],
  ];
}

/** Below this line of the aligned face (ffhq: nose tip ≈ 0.61) the pasted mouth's points apply. */
const LOWER_FACE_FROM = 0.6;
/**
 * The jaw from cheek to cheek under the mouth, and the nose line: the part of the face a new
 * mouth moves. It stops short of the ears, so earrings and hair never come from another frame.
 */
const MOUTH_REGION = [288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 205, 425, 5, 4, 1, 2, 98, 327];

/**
 * The region covering both the frame's own lower face and the pasted one (whose chin sits lower
 * when the new mouth opens wider), slightly grown and feathered.
 */
async function mouthMask(target: Float32Array, placed: Float32Array, width: number, height: number): Promise<FaceMask> {
  const pts = [target, placed].flatMap((p) => MOUTH_REGION.map((i) => [p[3 * i], p[3 * i + 1]] as [number, number]));
  const h = faceHeight(target);
  return polygonMask(convexHull(pts), width, height, { growPx: 0.02 * h, featherPx: 0.025 * h });
}

/** Zeroes the mask where the frame maps outside the stored region of the bank crop. */
function limitToRegion(mask: FaceMask, toCrop: Affine, g: BankGeometry): void {
  const { box } = mask;
  const w = box.x1 - box.x0;
  const margin = 0.03 * g.size;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const k = (y - box.y0) * w + (x - box.x0);
      if (mask.data[k] === 0) continue;
      const cx = toCrop[0] * x + toCrop[1] * y + toCrop[2];
      const cy = toCrop[3] * x + toCrop[4] * y + toCrop[5];
      const inside = Math.min(cx - g.x0, g.x1 - cx, cy - g.y0, g.y1 - cy) / margin;
      if (inside < 1) mask.data[k] *= Math.max(0, inside);
    }
  }
}

/** Target landmarks with the lower face taken from the pasted mouth (for later stages). */
function mergedLandmarks(target: Float32Array, placed: Float32Array, toCrop: Affine, size: number): Float32Array {
  const out = target.slice();
  for (let i = 0; i < out.length; i += 3) {
    const cy = toCrop[3] * target[i] + toCrop[4] * target[i + 1] + toCrop[5];
    if (cy > LOWER_FACE_FROM * size) out.set(placed.subarray(i, i + 3), i);
  }
  return out;
}

export interface MouthSource {
  sourceIndex: number;
  landmarks: Float32Array;
}

/**
 * Puts a bank mouth on a frame: the stored lower face, aligned by the same template as the
 * target face, colour-matched to its surroundings and blended with a Laplacian pyramid.
 * Returns the frame's landmarks with the new mouth's lower face.
 */
export async function renderMouth(
  compositor: Compositor,
  frame: VideoFrame,
  target: Float32Array,
  bank: MouthBank,
  source: MouthSource,
): Promise<Float32Array> {
  const g = bank.geometry;
  const toCrop = alignmentMatrix(target, 'ffhq_512', g.size);
  const sourceToCrop = alignmentMatrix(source.landmarks, 'ffhq_512', g.size);
  const placed = transformLandmarks(source.landmarks, compose(invertAffine(toCrop), sourceToCrop));
  const mask = await mouthMask(target, placed, frame.width, frame.height);
  limitToRegion(mask, toCrop, g);
  const region = { width: g.x1 - g.x0, height: g.y1 - g.y0, data: await bank.read(source.sourceIndex) };
  const toRegion: Affine = [toCrop[0], toCrop[1], toCrop[2] - g.x0, toCrop[3], toCrop[4], toCrop[5] - g.y0];
  compositor.composite(frame, { crop: region, matrix: toRegion }, mask, { colorMatch: true });
  return mergedLandmarks(target, placed, toCrop, g.size);
}

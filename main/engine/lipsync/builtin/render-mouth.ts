import { convexHull } from '../../face/polygons';
import {
  alignmentMatrix,
  invertAffine,
  polygonMask,
  similarity,
  transformLandmarks,
  type Affine,
  type Compositor,
  type FaceMask,
} from '../../compositing';
import { faceHeight } from '../../face/geometry';
import { LIPS_OUTER } from '../../face/mesh-regions';
import type { VideoFrame } from '../../pipeline/frame';
import type { BankGeometry, BankCrops } from './mouth-bank';

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
 * The jaw outline under the mouth, corner of the jaw to corner of the jaw (reference §4). The
 * mask's lower edge is this outline pulled 15 % of the way toward the mouth, so the
 * outline itself, the ears and whatever hangs from them stay the frame's own (issue 16's pale
 * jaw patch and ghost earring came from a mask that reached them).
 */
const JAW_UNDER_MOUTH = [288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58];
const JAW_INSET = 0.15;
/** Upper lip top (0), mouth corners (61, 291) and the point under the nose (2): the mask's top edge. */
const [LIP_TOP, CORNER_L, CORNER_R, SUBNASALE] = [0, 61, 291, 2];

/**
 * The top edge lies 3/4 of the way from the upper lip up to the point under the nose, and the
 * sides 35 % of the half-width out from the corners: the inward feather then ends before the
 * lips, so no lip of the frame's own shows through the pasted one (a ghost upper lip or corner
 * made openness follow the frame's own mouth; talk3+speech1 r 0.40 → 0.43).
 */
const [TOP_EDGE, CORNER_OUT] = [0.75, 0.35];

const pt = (p: Float32Array, i: number): [number, number] => [p[3 * i], p[3 * i + 1]];

/**
 * The part of the face speech moves: lips, chin and jaw, inside the jaw outline and starting
 * below the nose (TOP_EDGE), level with the mouth corners at the sides, so the nose and the
 * cheeks above the mouth line stay the frame's.
 */
export function speechRegion(p: Float32Array): [number, number][] {
  const [l, r] = [pt(p, CORNER_L), pt(p, CORNER_R)];
  const centre: [number, number] = [(l[0] + r[0]) / 2, (l[1] + r[1]) / 2];
  const inset = JAW_UNDER_MOUTH.map((i) => {
    const j = pt(p, i);
    return [j[0] + JAW_INSET * (centre[0] - j[0]), j[1] + JAW_INSET * (centre[1] - j[1])] as [number, number];
  });
  const [top, under] = [pt(p, LIP_TOP), pt(p, SUBNASALE)];
  const mid: [number, number] = [top[0] + TOP_EDGE * (under[0] - top[0]), top[1] + TOP_EDGE * (under[1] - top[1])];
  const out = (c: [number, number]): [number, number] => [c[0] + CORNER_OUT * (c[0] - centre[0]), c[1] + CORNER_OUT * (c[1] - centre[1])];
  return [...inset, out(l), mid, out(r)];
}

/**
 * The speech region of both the frame's own face and the pasted one (whose chin sits lower
 * when the new mouth opens wider), feathered inward: the seam lies inside the region's outline,
 * never past it onto the nose or the jaw outline.
 */
export async function mouthMask(target: Float32Array, placed: Float32Array, width: number, height: number): Promise<FaceMask> {
  const h = faceHeight(target);
  const feather = 0.02 * h;
  return polygonMask(convexHull([...speechRegion(target), ...speechRegion(placed)]), width, height, {
    growPx: -feather,
    featherPx: feather,
  });
}

/**
 * Points that move with the mouth but not with the jaw's opening: the corners, the upper lip and
 * the skin under the nose. The bank mouth is fitted to the frame by these (a similarity), so its
 * lips sit where the frame's lips are even when the frame's head pose differs from the bank's.
 */
const MOUTH_ANCHORS = [61, 291, 0, 37, 267, 164, 2, 57, 287];

/** Target frame → source frame: the similarity that lays the source's mouth anchors on the target's. */
export function mouthAlignment(target: Float32Array, source: Float32Array): Affine {
  return similarity(
    MOUTH_ANCHORS.map((i) => pt(target, i)),
    MOUTH_ANCHORS.map((i) => pt(source, i)),
  );
}

/** The lips of both faces, grown: their colour is not the skin's, so the colour match skips them. */
export async function lipsMask(target: Float32Array, placed: Float32Array, width: number, height: number): Promise<FaceMask> {
  const pts = [target, placed].flatMap((p) => LIPS_OUTER.map((i) => pt(p, i)));
  return polygonMask(convexHull(pts), width, height, { growPx: 0.03 * faceHeight(target) });
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
 * The landmarks the paste is fitted by: each face's mesh averaged over neighbouring frames
 * (steadyLandmarks), so landmark noise does not shake the pasted mouth against the frame.
 */
export interface Steady {
  target: Float32Array;
  source: Float32Array;
}

/**
 * Puts a bank mouth on a frame: the stored lower face, aligned by the same template as the
 * target face, fitted to the frame's mouth, colour-matched to its surroundings and blended with a Laplacian pyramid.
 * `opacity` < 1 blends it over what the frame shows (a cross-fade between two pasted mouths).
 * Returns the frame's landmarks with the new mouth's lower face.
 */
export async function renderMouth(
  compositor: Compositor,
  frame: VideoFrame,
  target: Float32Array,
  bank: BankCrops,
  source: MouthSource,
  steady: Steady = { target, source: source.landmarks },
  opacity = 1,
): Promise<Float32Array> {
  const g = bank.geometry;
  const fit = mouthAlignment(steady.target, steady.source);
  // The bank crop is the source frame aligned by its own five points; the frame reaches it
  // through the source frame, matched by the mouth (not the eyes and nose, which stay the frame's).
  const toCrop = compose(alignmentMatrix(source.landmarks, 'ffhq_512', g.size), fit);
  const placed = transformLandmarks(source.landmarks, invertAffine(fit));
  const mask = await mouthMask(target, placed, frame.width, frame.height);
  limitToRegion(mask, toCrop, g);
  const region = { width: g.x1 - g.x0, height: g.y1 - g.y0, data: await bank.read(source.sourceIndex) };
  const toRegion: Affine = [toCrop[0], toCrop[1], toCrop[2] - g.x0, toCrop[3], toCrop[4], toCrop[5] - g.y0];
  // The mean colour only, measured on the skin: a contrast gain learnt on skin (up to 1.5×)
  // darkened and saturated the pasted lips, and lips in the ring biased the offset.
  const colorExclude = await lipsMask(target, placed, frame.width, frame.height);
  compositor.composite(frame, { crop: region, matrix: toRegion }, mask, { colorMatch: 'mean', colorExclude, opacity });
  return mergedLandmarks(target, placed, toCrop, g.size);
}

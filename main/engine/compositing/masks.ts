import { boxOfPoints, clampBox, padBox, type Box } from './image';
import { lowerFacePolygon } from '../face/polygons';
import { FACE_OVAL, LIPS_INNER, LIPS_OUTER, faceHeight, meshPoints, type Point } from './mesh-regions';
import { loadOpenCv, withMats, type Cv, type Mat } from './opencv';

export type MaskRegion = 'lower-face' | 'mouth' | 'inner-mouth' | 'face-oval';

/**
 * A soft mask (0..1) over a box of an image (frame or crop: whatever space its points were in);
 * outside the box it is 0, so only the face's neighbourhood is ever stored or processed.
 */
export interface FaceMask {
  box: Box;
  data: Float32Array;
}

export interface MaskOptions {
  /** Grow (> 0) or shrink (< 0) the region by this fraction of the face height, before feathering. */
  dilate?: number;
  /** Gaussian feather sigma as a fraction of the face height (default 0.03). */
  feather?: number;
}

export interface PolygonMaskOptions {
  /** Grow (> 0) or shrink (< 0) by this many pixels. */
  growPx?: number;
  /** Gaussian sigma in pixels; 0 = hard edge. */
  featherPx?: number;
}

/** The region's outline (in the landmarks' own coordinates). */
export async function regionPolygon(landmarks: Float32Array, region: MaskRegion): Promise<Point[]> {
  switch (region) {
    case 'lower-face':
      return lowerFacePolygon(landmarks);
    case 'mouth':
      return meshPoints(landmarks, LIPS_OUTER);
    case 'inner-mouth':
      return meshPoints(landmarks, LIPS_INNER);
    case 'face-oval':
      return meshPoints(landmarks, FACE_OVAL);
  }
}

function morph(cv: Cv, m: Mat, growPx: number, track: (m: Mat) => Mat): void {
  const r = Math.round(Math.abs(growPx));
  if (r === 0) return;
  const kernel = track(cv.getStructuringElement(cv.MORPH_ELLIPSE, new cv.Size(2 * r + 1, 2 * r + 1)));
  if (growPx > 0) cv.dilate(m, m, kernel);
  else cv.erode(m, m, kernel);
}

/** Sub-pixel bits for fillPoly: vertices keep 1/16 px precision at the reduced resolution. */
const SHIFT = 4;

/**
 * Rasterises a polygon inside its padded box (clipped to width×height), grows or shrinks it,
 * then feathers the edge with a Gaussian; the box is padded by 3σ so the feather is not cut.
 * A wide feather is computed at 1/s resolution (s up to 8, σ/s ≥ 2 px) and enlarged
 * bilinearly: the result is smooth anyway, and a 100-tap blur at full size costs ~0.3 s.
 */
export async function polygonMask(poly: Point[], width: number, height: number, o: PolygonMaskOptions = {}): Promise<FaceMask> {
  const cv = await loadOpenCv();
  const grow = o.growPx ?? 0;
  const sigma = Math.max(0, o.featherPx ?? 0);
  const box = clampBox(padBox(boxOfPoints(poly), Math.max(0, Math.ceil(grow)) + Math.ceil(3 * sigma) + 2), width, height);
  const [w, h] = [box.x1 - box.x0, box.y1 - box.y0];
  if (w <= 0 || h <= 0) return { box, data: new Float32Array(0) };
  const s = sigma >= 4 ? Math.min(8, 2 ** Math.floor(Math.log2(sigma / 2))) : 1;
  const [lw, lh] = [Math.ceil(w / s), Math.ceil(h / s)];
  // Full-res pixel centre p ↔ low-res (p − (s − 1)/2)/s, the convention resize uses.
  const toLow = (v: number, o0: number) => Math.round(((v - o0 - (s - 1) / 2) / s) * (1 << SHIFT));
  return withMats((track) => {
    const m = track(cv.Mat.zeros(lh, lw, cv.CV_8UC1));
    const pts = track(
      cv.matFromArray(
        poly.length,
        1,
        cv.CV_32SC2,
        poly.flatMap(([x, y]) => [toLow(x, box.x0), toLow(y, box.y0)]),
      ),
    );
    const polys = track(new cv.MatVector());
    polys.push_back(pts);
    cv.fillPoly(m, polys, new cv.Scalar(255), cv.LINE_AA, SHIFT);
    morph(cv, m, grow / s, track);
    const f = track(new cv.Mat());
    m.convertTo(f, cv.CV_32FC1, 1 / 255);
    if (sigma > 0) {
      const ls = sigma / s,
        k = 2 * Math.ceil(3 * ls) + 1;
      cv.GaussianBlur(f, f, new cv.Size(k, k), ls, ls, cv.BORDER_CONSTANT);
    }
    if (s > 1) cv.resize(f, f, new cv.Size(w, h), 0, 0, cv.INTER_LINEAR);
    return { box, data: Float32Array.from(f.data32F) };
  });
}

/**
 * A face-region mask sized by the face (dilate and feather are fractions of its height).
 * Pass frame landmarks for a frame mask, or `transformLandmarks(landmarks, matrix)` and the
 * crop size for a mask at crop resolution.
 */
export async function faceMask(
  landmarks: Float32Array,
  region: MaskRegion,
  width: number,
  height: number,
  o: MaskOptions = {},
): Promise<FaceMask> {
  const h = faceHeight(landmarks);
  const poly = await regionPolygon(landmarks, region);
  return polygonMask(poly, width, height, { growPx: (o.dilate ?? 0) * h, featherPx: (o.feather ?? 0.03) * h });
}

/** Mask value at a pixel (0 outside the box). */
export function maskAt(mask: FaceMask, x: number, y: number): number {
  const { box } = mask;
  if (x < box.x0 || y < box.y0 || x >= box.x1 || y >= box.y1) return 0;
  return mask.data[(y - box.y0) * (box.x1 - box.x0) + (x - box.x0)];
}

/** Pointwise minimum of two masks (e.g. lower face ∩ occlusion), over the first one's box. */
export function intersectMasks(a: FaceMask, b: FaceMask): FaceMask {
  const w = a.box.x1 - a.box.x0;
  const data = a.data.map((v, i) => Math.min(v, maskAt(b, a.box.x0 + (i % w), a.box.y0 + Math.floor(i / w))));
  return { box: a.box, data };
}

/** The mask as bytes (0..255) over its box, for callers that want uint8 masks. */
export function maskToUint8(mask: FaceMask): Uint8Array {
  return Uint8Array.from(mask.data, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255));
}

/** The mask restricted to a width×height image (the same object when it already fits). */
export function clipMask(mask: FaceMask, width: number, height: number): FaceMask {
  const box = clampBox(mask.box, width, height);
  const { box: b } = mask;
  if (box.x0 === b.x0 && box.y0 === b.y0 && box.x1 === b.x1 && box.y1 === b.y1) return mask;
  const [w, h] = [Math.max(0, box.x1 - box.x0), Math.max(0, box.y1 - box.y0)];
  const data = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const from = (y + box.y0 - b.y0) * (b.x1 - b.x0) + (box.x0 - b.x0);
    data.set(mask.data.subarray(from, from + w), y * w);
  }
  return { box: { ...box, x1: box.x0 + w, y1: box.y0 + h }, data };
}

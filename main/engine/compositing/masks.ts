import { lowerFacePolygon } from '../analysis/lower-face-mask';
import { faceHeight } from '../face/geometry';
import { FACE_OVAL, LIPS_OUTER } from '../face/mesh-regions';
import { boxOfPoints, clampBox, padBox, type Box } from './image';
import { loadOpenCv, withMats } from './opencv';

export type MaskRegion = 'lower-face' | 'mouth' | 'face-oval';

/** A soft mask (0..1) over a box of the frame; outside the box it is 0. */
export interface FaceMask {
  box: Box;
  data: Float32Array;
}

export interface MaskOptions {
  /** Grow the region by this fraction of the face height before feathering. */
  dilate?: number;
  /** Gaussian feather radius as a fraction of the face height. */
  feather?: number;
}

type Pt = [number, number];

function polygonOf(landmarks: Float32Array, region: MaskRegion): Pt[] {
  if (region === 'lower-face') return lowerFacePolygon(landmarks);
  const idx = region === 'mouth' ? LIPS_OUTER : FACE_OVAL;
  return idx.map((i) => [landmarks[3 * i], landmarks[3 * i + 1]] as Pt);
}

/**
 * Rasterises a face region inside a padded box of the frame, grows it and feathers its edge.
 * Everything happens at full frame resolution, but only inside the box.
 */
export async function faceMask(landmarks: Float32Array, region: MaskRegion, width: number, height: number, o: MaskOptions = {}): Promise<FaceMask> {
  const cv = await loadOpenCv();
  const h = faceHeight(landmarks);
  const grow = Math.round((o.dilate ?? 0) * h);
  const sigma = Math.max(0.5, (o.feather ?? 0.03) * h);
  const poly = polygonOf(landmarks, region);
  const box = clampBox(padBox(boxOfPoints(poly), grow + 3 * sigma + 2), width, height);
  const [w, hh] = [box.x1 - box.x0, box.y1 - box.y0];
  return withMats((track) => {
    const m = track(cv.Mat.zeros(hh, w, cv.CV_8UC1));
    const pts = track(cv.matFromArray(poly.length, 1, cv.CV_32SC2, poly.flatMap(([x, y]) => [Math.round(x - box.x0), Math.round(y - box.y0)])));
    const polys = track(new cv.MatVector());
    polys.push_back(pts);
    cv.fillPoly(m, polys, new cv.Scalar(255));
    if (grow > 0) {
      const kernel = track(cv.getStructuringElement(cv.MORPH_ELLIPSE, new cv.Size(2 * grow + 1, 2 * grow + 1)));
      cv.dilate(m, m, kernel);
    }
    const f = track(new cv.Mat());
    m.convertTo(f, cv.CV_32FC1, 1 / 255);
    const k = 2 * Math.ceil(3 * sigma) + 1;
    cv.GaussianBlur(f, f, new cv.Size(k, k), sigma, sigma, cv.BORDER_CONSTANT);
    return { box, data: Float32Array.from(f.data32F) };
  });
}

/** Mask value at a frame pixel (0 outside the box). */
export function maskAt(mask: FaceMask, x: number, y: number): number {
  const { box } = mask;
  if (x < box.x0 || y < box.y0 || x >= box.x1 || y >= box.y1) return 0;
  return mask.data[(y - box.y0) * (box.x1 - box.x0) + (x - box.x0)];
}

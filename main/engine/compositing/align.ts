import templates from '../../../resources/models.json';
import type { RgbImage } from './image';

/** 2×3 affine matrix [a, b, c, d, e, f]: x' = a·x + b·y + c, y' = d·x + e·y + f. */
export type Affine = [number, number, number, number, number, number];

export type AlignmentTemplate = 'ffhq_512' | 'arcface_128';

/** Face Mesh points for the five-point templates, image-left first (the subject's right eye). */
const EYE_IMAGE_LEFT = [33, 133];
const EYE_IMAGE_RIGHT = [362, 263];
const NOSE_TIP = 1;
const MOUTH_IMAGE_LEFT = 61;
const MOUTH_IMAGE_RIGHT = 291;

export type Point = [number, number];

const at = (p: Float32Array, i: number): Point => [p[3 * i], p[3 * i + 1]];
const mean = (p: Float32Array, idx: number[]): Point => {
  const pts = idx.map((i) => at(p, i));
  return [pts.reduce((s, q) => s + q[0], 0) / pts.length, pts.reduce((s, q) => s + q[1], 0) / pts.length];
};

/** The five alignment points (eyes, nose tip, mouth corners) from the 468-point mesh. */
export function fivePoints(landmarks: Float32Array): Point[] {
  return [mean(landmarks, EYE_IMAGE_LEFT), mean(landmarks, EYE_IMAGE_RIGHT), at(landmarks, NOSE_TIP), at(landmarks, MOUTH_IMAGE_LEFT), at(landmarks, MOUTH_IMAGE_RIGHT)];
}

/** Template points in pixels of a crop of the given size. */
export function templatePoints(template: AlignmentTemplate, size: number): Point[] {
  return (templates.templates[template] as Point[]).map(([x, y]) => [x * size, y * size]);
}

/**
 * Least-squares similarity (rotation, uniform scale, translation) taking `from` onto `to`
 * (Umeyama's closed form for 2-D, as peers' partial-affine estimate without outliers).
 */
export function similarity(from: Point[], to: Point[]): Affine {
  const n = from.length;
  const [mx, my] = [from.reduce((s, p) => s + p[0], 0) / n, from.reduce((s, p) => s + p[1], 0) / n];
  const [nx, ny] = [to.reduce((s, p) => s + p[0], 0) / n, to.reduce((s, p) => s + p[1], 0) / n];
  let sxx = 0, sxy = 0, norm = 0;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = [from[i][0] - mx, from[i][1] - my];
    const [bx, by] = [to[i][0] - nx, to[i][1] - ny];
    sxx += ax * bx + ay * by;
    sxy += ax * by - ay * bx;
    norm += ax * ax + ay * ay;
  }
  const a = sxx / norm, b = sxy / norm;
  return [a, -b, nx - a * mx + b * my, b, a, ny - b * mx - a * my];
}

export function invertAffine(m: Affine): Affine {
  const [a, b, c, d, e, f] = m;
  const det = a * e - b * d;
  return [e / det, -b / det, (b * f - c * e) / det, -d / det, a / det, (c * d - a * f) / det];
}

export function applyAffine(m: Affine, [x, y]: Point): Point {
  return [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];
}

/** Frame → crop transform that puts this face on the template in a size×size crop. */
export function alignmentMatrix(landmarks: Float32Array, template: AlignmentTemplate, size: number): Affine {
  return similarity(fivePoints(landmarks), templatePoints(template, size));
}

export interface AlignedFace {
  crop: RgbImage;
  /** Frame → crop. */
  matrix: Affine;
}

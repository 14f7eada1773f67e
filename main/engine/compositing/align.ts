import type { RgbImage } from './image';
import { meshPoint, type Point } from './mesh-regions';

export type { Point };

/** 2×3 affine matrix [a, b, c, d, e, f]: x' = a·x + b·y + c, y' = d·x + e·y + f. */
export type Affine = [number, number, number, number, number, number];

/**
 * Five-point templates (docs/reference.md §3) as fractions of the crop side: image-left eye, image-right
 * eye, nose tip, image-left mouth corner, image-right mouth corner.
 */
export const TEMPLATES = {
  ffhq_512: [
    [0.37691676, 0.46864664],
    [0.62285697, 0.46912813],
    [0.50123859, 0.61331904],
    [0.39308822, 0.725411],
    [0.61150205, 0.72490465],
  ],
  arcface_128: [
    [0.36167656, 0.40387734],
    [0.63696719, 0.40235469],
    [0.50019687, 0.56044219],
    [0.38710391, 0.72160547],
    [0.61507734, 0.72034453],
  ],
} as const satisfies Record<string, readonly (readonly [number, number])[]>;

export type AlignmentTemplate = keyof typeof TEMPLATES;

/** Face Mesh points for the five-point templates, image-left first (the subject's right eye). */
const EYE_IMAGE_LEFT = [33, 133];
const EYE_IMAGE_RIGHT = [362, 263];
const NOSE_TIP = 1;
const MOUTH_IMAGE_LEFT = 61;
const MOUTH_IMAGE_RIGHT = 291;

const at = meshPoint;
const mean = (p: Float32Array, idx: number[]): Point => {
  const pts = idx.map((i) => at(p, i));
  return [pts.reduce((s, q) => s + q[0], 0) / pts.length, pts.reduce((s, q) => s + q[1], 0) / pts.length];
};

/** The five alignment points (eyes, nose tip, mouth corners) from the 468-point mesh. */
export function fivePoints(landmarks: Float32Array): Point[] {
  return [
    mean(landmarks, EYE_IMAGE_LEFT),
    mean(landmarks, EYE_IMAGE_RIGHT),
    at(landmarks, NOSE_TIP),
    at(landmarks, MOUTH_IMAGE_LEFT),
    at(landmarks, MOUTH_IMAGE_RIGHT),
  ];
}

/** Template points in pixels of a crop of the given size. */
export function templatePoints(template: AlignmentTemplate, size: number): Point[] {
  return TEMPLATES[template].map(([x, y]) => [x * size, y * size]);
}

/**
 * Least-squares similarity (rotation, uniform scale, translation) taking `from` onto `to`
 * (Umeyama's closed form for 2-D, as peers' partial-affine estimate without outliers).
 */
export function similarity(from: Point[], to: Point[]): Affine {
  const n = from.length;
  const [mx, my] = [from.reduce((s, p) => s + p[0], 0) / n, from.reduce((s, p) => s + p[1], 0) / n];
  const [nx, ny] = [to.reduce((s, p) => s + p[0], 0) / n, to.reduce((s, p) => s + p[1], 0) / n];
  let sxx = 0,
    sxy = 0,
    norm = 0;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = [from[i][0] - mx, from[i][1] - my];
    const [bx, by] = [to[i][0] - nx, to[i][1] - ny];
    sxx += ax * bx + ay * by;
    sxy += ax * by - ay * bx;
    norm += ax * ax + ay * ay;
  }
  const a = sxx / norm,
    b = sxy / norm;
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

/**
 * Frame → crop transform that puts this face on the template in a size×size crop. Takes the
 * 468-point mesh, or the five points themselves (for callers with another landmark model).
 */
export function alignmentMatrix(landmarks: Float32Array | Point[], template: AlignmentTemplate, size: number): Affine {
  const five = landmarks instanceof Float32Array ? fivePoints(landmarks) : landmarks;
  return similarity(five, templatePoints(template, size));
}

/** The mesh mapped through a matrix (e.g. into crop pixels, to build masks at crop resolution). */
export function transformLandmarks(landmarks: Float32Array, m: Affine): Float32Array {
  const out = landmarks.slice();
  const scale = Math.hypot(m[0], m[3]);
  for (let i = 0; i < out.length; i += 3) {
    const [x, y] = [landmarks[i], landmarks[i + 1]];
    out[i] = m[0] * x + m[1] * y + m[2];
    out[i + 1] = m[3] * x + m[4] * y + m[5];
    out[i + 2] = landmarks[i + 2] * scale;
  }
  return out;
}

export interface AlignedFace {
  crop: RgbImage;
  /** Frame → crop. */
  matrix: Affine;
  /** Crop → frame. */
  inverse: Affine;
}

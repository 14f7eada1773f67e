import { topEigen } from './linalg';

/**
 * The speaker's own space of mouth shapes: a PCA of mouthShape() vectors (lip contour x/y pairs
 * relative to the corner midpoint, de-rotated, in face heights) over the bank. The first
 * components are jaw opening, lip spreading and rounding; coordinates stay in face heights, so a
 * distance between two coordinate vectors is the shape distance within the subspace.
 */
export interface Pca {
  mean: Float32Array;
  /** Unit component vectors, strongest first. */
  components: Float32Array[];
  /** Variance of the bank along each component. */
  variances: Float64Array;
}

export type MouthSpace = Pca;

export const MOUTH_COMPONENTS = 4;

export function fitMouthSpace(shapes: Float32Array[], components = MOUTH_COMPONENTS): MouthSpace {
  return fitPca(shapes, components);
}

/** Principal components of a set of vectors (also used to compact audio features for the index). */
export function fitPca(shapes: Float32Array[], components: number): Pca {
  const d = shapes[0]?.length ?? 0;
  const mean = new Float32Array(d);
  for (const s of shapes) for (let i = 0; i < d; i++) mean[i] += s[i] / shapes.length;
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (const s of shapes) {
    for (let i = 0; i < d; i++) centred[i] = s[i] - mean[i];
    for (let i = 0; i < d; i++) for (let j = i; j < d; j++) cov[i * d + j] += centred[i] * centred[j];
  }
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      cov[i * d + j] /= Math.max(1, shapes.length);
      cov[j * d + i] = cov[i * d + j];
    }
  }
  const k = Math.min(components, d);
  const { values, vectors } = topEigen(cov, d, k);
  return {
    mean,
    components: vectors.slice(0, k).map((v) => Float32Array.from(v)),
    variances: Float64Array.from(values.subarray(0, k), (x) => Math.max(x, 1e-12)),
  };
}

/** Coordinates of a shape in the space. */
export function project(space: Pca, shape: Float32Array): Float32Array {
  return Float32Array.from(space.components, (c) => {
    let s = 0;
    for (let i = 0; i < c.length; i++) s += c[i] * (shape[i] - space.mean[i]);
    return s;
  });
}

/** The shape at some coordinates (mean + Σ coordinate × component). */
export function reconstruct(space: Pca, coords: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(space.mean);
  space.components.forEach((c, k) => {
    for (let i = 0; i < c.length; i++) out[i] += coords[k] * c[i];
  });
  return out;
}

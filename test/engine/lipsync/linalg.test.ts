import { describe, expect, it } from 'vitest';
import { dot, symmetricEigen, topEigen } from '../../../main/engine/lipsync/builtin/linalg';

/** A covariance of 300 deterministic 80-dimensional vectors (the size of the planner's mouth PCA). */
function covariance(n: number): Float64Array {
  const rows = Array.from({ length: 300 }, (_, r) =>
    Float64Array.from({ length: n }, (_, i) => Math.sin(r * 0.37 * (i + 1)) * (1 + 10 / (i + 1)) + Math.cos(r * 1.3 + i)),
  );
  const c = new Float64Array(n * n);
  for (const v of rows) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[i * n + j] += (v[i] * v[j]) / rows.length;
  return c;
}

describe('topEigen', () => {
  it('finds the same strongest eigenpairs as the full Jacobi decomposition', () => {
    for (const n of [39, 80]) {
      const c = covariance(n);
      const full = symmetricEigen(c, n);
      const top = topEigen(c, n, 4);
      for (let k = 0; k < 4; k++) {
        expect(top.values[k]).toBeCloseTo(full.values[k], 6);
        expect(Math.abs(dot(top.vectors[k], full.vectors[k]))).toBeCloseTo(1, 6);
      }
    }
  });
});

/** The few dense linear-algebra pieces the mouth model needs (small matrices: tens of rows). */

/** Solves A x = b for a symmetric positive-definite A (row-major n×n) by Cholesky; A is not modified. */
export function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      // A tiny floor keeps a rank-deficient (but regularised) system solvable.
      l[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j * n + j];
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k];
    y[i] = s / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}

/**
 * Eigen-decomposition of a symmetric matrix (cyclic Jacobi). Returns eigenvalues in descending
 * order and the matching unit eigenvectors as rows.
 */
export function symmetricEigen(m: Float64Array, n: number): { values: Float64Array; vectors: Float64Array[] } {
  const a = Float64Array.from(m);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (Math.abs(apq) < 1e-30) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i]);
  return {
    values: Float64Array.from(order, (i) => a[i * n + i]),
    vectors: order.map((i) => Float64Array.from({ length: n }, (_, k) => v[k * n + i])),
  };
}

/**
 * The k strongest eigenpairs of a symmetric positive semi-definite matrix: block power
 * iteration on k + 4 vectors (Gram–Schmidt each step) until the subspace stops moving, then
 * Jacobi on the small projected matrix (Rayleigh–Ritz). Same result as symmetricEigen's first
 * k for a covariance, at O(n²k) per step instead of Jacobi's O(n³) per sweep (the planner's
 * 80-dimensional mouth PCA took a third of the plan).
 */
export function topEigen(m: Float64Array, n: number, k: number): { values: Float64Array; vectors: Float64Array[] } {
  const b = Math.min(n, k + 4);
  if (b >= n) {
    const all = symmetricEigen(m, n);
    return { values: all.values.slice(0, k), vectors: all.vectors.slice(0, k) };
  }
  // A fixed start (no randomness: plans are reproducible), every coordinate touched.
  let q: Float64Array[] = Array.from({ length: b }, (_, j) =>
    Float64Array.from({ length: n }, (_, i) => Math.cos((i + 1) * (j + 1) * 0.7) + (i % b === j ? 1 : 0)),
  );
  orthonormalise(q);
  for (let iter = 0; iter < 500; iter++) {
    const next = q.map((v) => multiply(m, v, n));
    orthonormalise(next);
    // Converged when every new vector lies in the old subspace.
    let moved = 0;
    for (const v of next) moved = Math.max(moved, 1 - q.reduce((s, u) => s + dot(u, v) ** 2, 0));
    q = next;
    if (moved < 1e-12) break;
  }
  const small = new Float64Array(b * b);
  const mq = q.map((v) => multiply(m, v, n));
  for (let i = 0; i < b; i++) for (let j = 0; j < b; j++) small[i * b + j] = dot(q[i], mq[j]);
  const e = symmetricEigen(small, b);
  const vectors = e.vectors.slice(0, k).map((c) => {
    const v = new Float64Array(n);
    c.forEach((w, j) => {
      for (let i = 0; i < n; i++) v[i] += w * q[j][i];
    });
    return v;
  });
  return { values: e.values.slice(0, k), vectors };
}

function multiply(m: Float64Array, v: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += m[i * n + j] * v[j];
    out[i] = s;
  }
  return out;
}

/** Modified Gram–Schmidt in place (a vector that collapses is left at zero). */
function orthonormalise(vs: Float64Array[]): void {
  vs.forEach((v, j) => {
    for (let p = 0; p < j; p++) {
      const d = dot(vs[p], v);
      for (let i = 0; i < v.length; i++) v[i] -= d * vs[p][i];
    }
    const norm = Math.sqrt(dot(v, v));
    for (let i = 0; i < v.length; i++) v[i] = norm > 1e-300 ? v[i] / norm : 0;
  });
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return values.length ? s / values.length : 0;
}

export function std(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return values.length ? Math.sqrt(s / values.length) : 0;
}

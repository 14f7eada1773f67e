/**
 * The candidate index of the mouth bank: exact k nearest neighbours under a per-query diagonal
 * metric, cost = Σ_d w[d]·(q[d] − x[d])², over a k-d tree.
 *
 * It holds only the per-frame feature vectors (n × dims float32, a few dozen bytes a frame), so
 * a bank whose crops live on disk or in an encoded stream costs nothing more here. Building is
 * O(n log n); a query visits O(log n) leaves for the low-dimensional features unit selection
 * uses. Results equal a brute-force scan exactly, ties broken by the lower point index (see
 * `bruteForceNearest`, the reference the tests compare against).
 */
export interface Neighbours {
  ids: Int32Array;
  costs: Float64Array;
}

const LEAF_SIZE = 8;

/** Weighted squared distance of point i to q: the one cost both searches use. */
export function pointCost(points: Float32Array, dims: number, i: number, q: Float32Array, w: Float32Array): number {
  let s = 0;
  const o = i * dims;
  for (let d = 0; d < dims; d++) {
    const v = q[d] - points[o + d];
    s += w[d] * v * v;
  }
  return s;
}

/** Sorted insertion into a bounded list of the k best (cost, then id). */
class Best {
  readonly ids: Int32Array;
  readonly costs: Float64Array;
  size = 0;
  constructor(readonly k: number) {
    this.ids = new Int32Array(k).fill(-1);
    this.costs = new Float64Array(k).fill(Infinity);
  }
  get worst(): number {
    return this.size < this.k ? Infinity : this.costs[this.k - 1];
  }
  offer(id: number, c: number): void {
    const k = this.k;
    if (this.size === k && (c > this.costs[k - 1] || (c === this.costs[k - 1] && id > this.ids[k - 1]))) return;
    let p = Math.min(this.size, k - 1);
    while (p > 0 && (this.costs[p - 1] > c || (this.costs[p - 1] === c && this.ids[p - 1] > id))) {
      this.costs[p] = this.costs[p - 1];
      this.ids[p] = this.ids[p - 1];
      p--;
    }
    this.costs[p] = c;
    this.ids[p] = id;
    if (this.size < k) this.size++;
  }
}

/** The reference search: every point, O(n) per query. */
export function bruteForceNearest(points: Float32Array, dims: number, q: Float32Array, w: Float32Array, k: number): Neighbours {
  const n = points.length / dims;
  const best = new Best(Math.min(k, n));
  for (let i = 0; i < n; i++) best.offer(i, pointCost(points, dims, i, q, w));
  return { ids: best.ids, costs: best.costs };
}

export class CandidateIndex {
  readonly size: number;
  /** Point ids in tree order: each node owns a contiguous range. */
  private readonly order: Int32Array;
  /** Per node: split dimension (−1 for a leaf), split value, range [lo, hi), children. */
  private readonly splitDim: Int8Array | Int16Array;
  private readonly splitValue: Float32Array;
  private readonly lo: Int32Array;
  private readonly hi: Int32Array;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private nodes = 0;

  /**
   * @param points n × dims, row-major (kept by reference: do not modify).
   * @param scale per-dimension weights typical of the queries; they choose the split axes.
   */
  constructor(
    readonly points: Float32Array,
    readonly dims: number,
    scale?: ArrayLike<number>,
  ) {
    this.size = dims ? points.length / dims : 0;
    this.order = Int32Array.from({ length: this.size }, (_, i) => i);
    const maxNodes = Math.max(1, 2 * Math.ceil(this.size / (LEAF_SIZE / 2)) + 1);
    this.splitDim = dims < 127 ? new Int8Array(maxNodes) : new Int16Array(maxNodes);
    this.splitValue = new Float32Array(maxNodes);
    this.lo = new Int32Array(maxNodes);
    this.hi = new Int32Array(maxNodes);
    this.left = new Int32Array(maxNodes);
    this.right = new Int32Array(maxNodes);
    const s = Float64Array.from({ length: dims }, (_, d) => Math.sqrt(scale?.[d] ?? 1));
    if (this.size) this.build(0, this.size, s);
  }

  private build(lo: number, hi: number, scale: Float64Array): number {
    const node = this.nodes++;
    this.lo[node] = lo;
    this.hi[node] = hi;
    this.splitDim[node] = -1;
    if (hi - lo <= LEAF_SIZE) return node;
    const dim = this.widestDim(lo, hi, scale);
    if (dim < 0) return node;
    const mid = (lo + hi) >> 1;
    this.select(lo, hi, mid, dim);
    this.splitDim[node] = dim;
    this.splitValue[node] = this.points[this.order[mid] * this.dims + dim];
    this.left[node] = this.build(lo, mid, scale);
    this.right[node] = this.build(mid, hi, scale);
    return node;
  }

  /** The dimension with the largest weighted extent over the range; −1 if all points coincide. */
  private widestDim(lo: number, hi: number, scale: Float64Array): number {
    let best = -1;
    let bestSpread = 0;
    for (let d = 0; d < this.dims; d++) {
      let min = Infinity;
      let max = -Infinity;
      for (let i = lo; i < hi; i++) {
        const v = this.points[this.order[i] * this.dims + d];
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const spread = (max - min) * scale[d];
      if (spread > bestSpread) {
        bestSpread = spread;
        best = d;
      }
    }
    return best;
  }

  /** Quickselect on `order[lo, hi)` so that position k holds the k-th smallest along `dim`. */
  private select(lo: number, hi: number, k: number, dim: number): void {
    const value = (i: number) => this.points[this.order[i] * this.dims + dim];
    const swap = (a: number, b: number) => {
      const t = this.order[a];
      this.order[a] = this.order[b];
      this.order[b] = t;
    };
    let l = lo;
    let r = hi - 1;
    while (r > l) {
      const pivot = value((l + r) >> 1);
      let i = l;
      let j = r;
      while (i <= j) {
        while (value(i) < pivot) i++;
        while (value(j) > pivot) j--;
        if (i <= j) swap(i++, j--);
      }
      if (k <= j) r = j;
      else if (k >= i) l = i;
      else break;
    }
  }

  /** The k points of lowest cost Σ w[d]·(q[d] − x[d])² (w ≥ 0), cheapest first. */
  nearest(q: Float32Array, w: Float32Array, k: number): Neighbours {
    const best = new Best(Math.min(k, this.size));
    if (!this.size) return { ids: best.ids, costs: best.costs };
    const offsets = new Float64Array(this.dims);
    this.search(0, q, w, best, 0, offsets);
    return { ids: best.ids, costs: best.costs };
  }

  /**
   * Depth-first, nearer side first. `bound` is the cost from q to the node's cell, kept
   * incrementally through the per-dimension offsets (Arya & Mount), so pruning is tight.
   */
  private search(node: number, q: Float32Array, w: Float32Array, best: Best, bound: number, offsets: Float64Array): void {
    const dim = this.splitDim[node];
    if (dim < 0) {
      for (let i = this.lo[node]; i < this.hi[node]; i++) {
        const id = this.order[i];
        best.offer(id, pointCost(this.points, this.dims, id, q, w));
      }
      return;
    }
    const diff = q[dim] - this.splitValue[node];
    const [near, far] = diff < 0 ? [this.left[node], this.right[node]] : [this.right[node], this.left[node]];
    this.search(near, q, w, best, bound, offsets);
    const old = offsets[dim];
    const farBound = bound - w[dim] * old * old + w[dim] * diff * diff;
    // Equal costs still matter (ties go to the lower id), hence ≤.
    if (farBound <= best.worst) {
      offsets[dim] = diff;
      this.search(far, q, w, best, farBound, offsets);
      offsets[dim] = old;
    }
  }
}

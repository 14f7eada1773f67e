/** Value below which `p` (0..100) percent of the values lie (linear interpolation). */
export function percentile(values: ArrayLike<number>, p: number): number {
  const v = Array.from(values).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const pos = (p / 100) * (v.length - 1);
  const lo = Math.floor(pos),
    hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

/**
 * Area under the ROC curve via Mann–Whitney U: the probability that a random positive
 * scores higher than a random negative (ties count half). NaN if either side is empty.
 */
export function aucMannWhitney(positives: number[], negatives: number[]): number {
  if (!positives.length || !negatives.length) return NaN;
  const all = [...positives.map((v) => ({ v, pos: true })), ...negatives.map((v) => ({ v, pos: false }))];
  all.sort((a, b) => a.v - b.v);
  let rankSumPos = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j].v === all[i].v) j++;
    const meanRank = (i + 1 + j) / 2; // ranks i+1..j share their mean
    for (let k = i; k < j; k++) if (all[k].pos) rankSumPos += meanRank;
    i = j;
  }
  const n1 = positives.length,
    n0 = negatives.length;
  return (rankSumPos - (n1 * (n1 + 1)) / 2) / (n1 * n0);
}

/** Pearson correlation; NaN when either series is constant or too short. */
export function pearson(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  if (n < 2) return NaN;
  let ma = 0,
    mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

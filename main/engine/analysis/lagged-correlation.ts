import { pearson } from './stats';

export interface LaggedCorrelation {
  /** Pearson at lag 0. */
  r: number;
  /** The highest Pearson over lags −maxLag..maxLag. */
  best: number;
  /** Its lag in frames: > 0 means the first series leads (a[i] goes with b[i + lag]). */
  lag: number;
}

/** Pearson of a[i] with b[i + lag] over the frames where both are finite (NaN marks a missing face). */
export function correlationAtLag(a: ArrayLike<number>, b: ArrayLike<number>, lag: number): number {
  const x: number[] = [],
    y: number[] = [];
  for (let i = Math.max(0, -lag); i < a.length && i + lag < b.length; i++) {
    if (Number.isFinite(a[i]) && Number.isFinite(b[i + lag])) {
      x.push(a[i]);
      y.push(b[i + lag]);
    }
  }
  return pearson(x, y);
}

/**
 * Correlation at lag 0 and the best within ±maxLag frames (ties go to the smaller |lag|): the
 * lips naturally lead the sound by a frame or two, which a lag-0 correlation would penalise.
 */
export function bestLagCorrelation(a: ArrayLike<number>, b: ArrayLike<number>, maxLag = 2): LaggedCorrelation {
  const r = correlationAtLag(a, b, 0);
  let best = r,
    lag = 0;
  for (let d = 1; d <= maxLag; d++) {
    for (const l of [-d, d]) {
      const c = correlationAtLag(a, b, l);
      if (c > best || (Number.isNaN(best) && !Number.isNaN(c))) [best, lag] = [c, l];
    }
  }
  return { r, best, lag };
}

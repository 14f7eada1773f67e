/**
 * librosa.filters.mel with its defaults (htk=False: Slaney mel scale; norm='slaney':
 * each triangle scaled by 2/(f_right − f_left) so that all have the same area).
 */

const F_SP = 200 / 3;
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
const LOGSTEP = Math.log(6.4) / 27;

export function hzToMel(f: number): number {
  return f < MIN_LOG_HZ ? f / F_SP : MIN_LOG_MEL + Math.log(f / MIN_LOG_HZ) / LOGSTEP;
}

export function melToHz(m: number): number {
  return m < MIN_LOG_MEL ? F_SP * m : MIN_LOG_HZ * Math.exp(LOGSTEP * (m - MIN_LOG_MEL));
}

export interface MelFilterbank {
  nMels: number;
  nBins: number;
  /** [nMels × nBins] row-major. */
  weights: Float32Array;
  /** Band edges in Hz (nMels + 2); band i peaks at edges[i + 1]. */
  edges: Float64Array;
  /** Per band, the [first, last] bin with a non-zero weight (the sum skips the rest). */
  support: Array<[number, number]>;
}

export function melFilterbank(sampleRate: number, nFft: number, nMels: number, fmin: number, fmax: number): MelFilterbank {
  const nBins = (nFft >> 1) + 1;
  const lo = hzToMel(fmin);
  const hi = hzToMel(fmax);
  const edges = new Float64Array(nMels + 2);
  for (let i = 0; i < nMels + 2; i++) edges[i] = melToHz(lo + ((hi - lo) * i) / (nMels + 1));
  const weights = new Float32Array(nMels * nBins);
  for (let i = 0; i < nMels; i++) {
    const [l, c, r] = [edges[i], edges[i + 1], edges[i + 2]];
    const enorm = 2 / (r - l);
    for (let k = 0; k < nBins; k++) {
      const f = (k * sampleRate) / nFft;
      const w = Math.max(0, Math.min((f - l) / (c - l), (r - f) / (r - c)));
      weights[i * nBins + k] = w * enorm;
    }
  }
  const support = Array.from({ length: nMels }, (_, i): [number, number] => {
    const row = weights.subarray(i * nBins, (i + 1) * nBins);
    const first = row.findIndex((w) => w > 0);
    return first < 0 ? [0, -1] : [first, nBins - 1 - [...row].reverse().findIndex((w) => w > 0)];
  });
  return { nMels, nBins, weights, edges, support };
}

/** Centre (peak) frequency of each band. */
export function bandCentres(fb: MelFilterbank): Float64Array {
  return fb.edges.slice(1, fb.nMels + 1);
}

/** Small signal measures for asserting on decoded audio. */

/** Normalised cross-correlation (cosine similarity) of two equally long windows; 1 = same shape. */
export function ncc(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/**
 * NCC of `output` against `reference` placed at `offsetSeconds` on the output's timeline,
 * over the part where both exist. A negative offset means the reference's head was cut.
 */
export function nccAt(output: Float32Array, reference: Float32Array, offsetSeconds: number, rate: number): number {
  const shift = Math.round(offsetSeconds * rate);
  const outStart = Math.max(0, shift);
  const refStart = Math.max(0, -shift);
  const n = Math.min(output.length - outStart, reference.length - refStart);
  if (n <= 0) return 0;
  return ncc(output.subarray(outStart, outStart + n), reference.subarray(refStart, refStart + n));
}

/** Root-mean-square of a window. */
export function rms(x: ArrayLike<number>, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] * x[i];
  return to > from ? Math.sqrt(s / (to - from)) : 0;
}

/** Amplitude of one frequency in a window (Goertzel): a pure sine of amplitude A reads ≈ A. */
export function toneAmplitude(x: ArrayLike<number>, freq: number, rate: number, from: number, to: number): number {
  const w = (2 * Math.PI * freq) / rate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (let i = from; i < to; i++) {
    const s0 = x[i] + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return (2 * Math.sqrt(Math.max(0, power))) / (to - from);
}

export function dbToGain(db: number): number {
  return 10 ** (db / 20);
}

/**
 * The strongest frequency (Hz) in [lo, hi] over a window. A long window's peak is far narrower
 * than any scan step, so the coarse scan runs on its first 1/8 s (a 16 Hz wide peak, 4 Hz steps)
 * and the fine one (0.1 Hz steps) on the whole window around that.
 */
export function dominantFrequency(x: ArrayLike<number>, rate: number, from: number, to: number, lo = 50, hi = 4000): number {
  const peak = (a: number, b: number, step: number, end: number) => {
    let best = a;
    let bestAmp = -1;
    for (let f = a; f <= b; f += step) {
      const amp = toneAmplitude(x, f, rate, from, end);
      if (amp > bestAmp) [best, bestAmp] = [f, amp];
    }
    return best;
  };
  const coarse = peak(lo, hi, 4, Math.min(to, from + Math.round(rate / 8)));
  return peak(coarse - 8, coarse + 8, 0.1, to);
}

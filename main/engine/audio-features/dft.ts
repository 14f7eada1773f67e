import FFT from 'fft.js';

/**
 * Real-input DFT of any length, for the Wav2Lip STFT (n_fft = 800, not a power of two).
 * fft.js only does powers of two, so we use Bluestein's chirp-z: an N-point DFT becomes
 * a circular convolution of length M ≥ 2N−1 (a power of two), i.e. two FFTs per frame.
 */
export class Dft {
  readonly size: number;
  private readonly m: number;
  private readonly fft: FFT;
  /** chirp[n] = exp(−iπ n²/N), interleaved re/im. */
  private readonly chirp: Float64Array;
  /** FFT of the conjugate chirp, wrapped circularly (precomputed once). */
  private readonly kernel: number[];
  private readonly a: number[];
  private readonly fa: number[];
  private readonly prod: number[];
  private readonly conv: number[];

  constructor(size: number) {
    this.size = size;
    let m = 1;
    while (m < 2 * size - 1) m <<= 1;
    this.m = m;
    this.fft = new FFT(m);
    this.chirp = new Float64Array(2 * size);
    for (let n = 0; n < size; n++) {
      // n² mod 2N keeps the phase argument small and exact for large n.
      const phase = (Math.PI * ((n * n) % (2 * size))) / size;
      this.chirp[2 * n] = Math.cos(phase);
      this.chirp[2 * n + 1] = -Math.sin(phase);
    }
    const b = this.fft.createComplexArray() as number[];
    b.fill(0);
    for (let n = 0; n < size; n++) {
      const re = this.chirp[2 * n];
      const im = -this.chirp[2 * n + 1];
      b[2 * n] = re;
      b[2 * n + 1] = im;
      if (n > 0) {
        b[2 * (m - n)] = re;
        b[2 * (m - n) + 1] = im;
      }
    }
    this.kernel = this.fft.createComplexArray() as number[];
    this.fft.transform(this.kernel, b);
    this.a = this.fft.createComplexArray() as number[];
    this.fa = this.fft.createComplexArray() as number[];
    this.prod = this.fft.createComplexArray() as number[];
    this.conv = this.fft.createComplexArray() as number[];
  }

  /** |X[k]| for k = 0..N/2 of a real frame of length N. */
  magnitudes(frame: ArrayLike<number>, out: Float64Array): void {
    const { a, fa, prod, conv, kernel, chirp, size } = this;
    a.fill(0);
    for (let n = 0; n < size; n++) {
      a[2 * n] = frame[n] * chirp[2 * n];
      a[2 * n + 1] = frame[n] * chirp[2 * n + 1];
    }
    this.fft.transform(fa, a);
    for (let i = 0; i < 2 * this.m; i += 2) {
      prod[i] = fa[i] * kernel[i] - fa[i + 1] * kernel[i + 1];
      prod[i + 1] = fa[i] * kernel[i + 1] + fa[i + 1] * kernel[i];
    }
    this.fft.inverseTransform(conv, prod);
    const bins = (size >> 1) + 1;
    for (let k = 0; k < bins; k++) {
      const cr = chirp[2 * k];
      const ci = chirp[2 * k + 1];
      const re = conv[2 * k] * cr - conv[2 * k + 1] * ci;
      const im = conv[2 * k] * ci + conv[2 * k + 1] * cr;
      out[k] = Math.hypot(re, im);
    }
  }
}

/** Periodic Hann (scipy/librosa `get_window('hann', N)`, fftbins=True). */
export function hannPeriodic(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
  return w;
}

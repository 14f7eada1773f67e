/** Running squared error over the pixels (all three channels) where the mask is 0. */
export class MaskedError {
  private sse = 0;
  private count = 0;

  add(a: Uint8Array, b: Uint8Array, excluded: Uint8Array | undefined): void {
    const n = Math.min(a.length, b.length) / 3;
    for (let p = 0; p < n; p++) {
      if (excluded && excluded[p]) continue;
      const k = 3 * p;
      const d0 = a[k] - b[k],
        d1 = a[k + 1] - b[k + 1],
        d2 = a[k + 2] - b[k + 2];
      this.sse += d0 * d0 + d1 * d1 + d2 * d2;
      this.count += 3;
    }
  }

  /** PSNR in dB over everything added; Infinity when identical, NaN when nothing was compared. */
  psnr(): number {
    if (!this.count) return NaN;
    const mse = this.sse / this.count;
    return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
  }
}

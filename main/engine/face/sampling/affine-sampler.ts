/**
 * Affine resampling of an RGB24 frame into a float NHWC tensor, with the model's
 * normalisation folded in. Output pixel (u,v) reads source point
 * (ax·u' + bx·v' + cx, ay·u' + by·v' + cy) where u' = u + 0.5, v' = v + 0.5 (pixel centres).
 * Plain bilinear: the crops are small (≤ 192²), so this costs well under a millisecond.
 */
export interface AffineMap {
  ax: number;
  bx: number;
  cx: number;
  ay: number;
  by: number;
  cy: number;
}

export interface SampleSource {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface SampleOptions {
  /** value = pixel * scale + offset, pixel in 0..255. */
  scale: number;
  offset: number;
  /** Outside the frame: 'zero' (black, letterbox padding) or 'clamp' (repeat the edge). */
  border: 'zero' | 'clamp';
}

/**
 * Sub-samples per axis that keep a strong reduction from aliasing (a 4K frame into a
 * 128² detector input would otherwise keep one pixel in thirty).
 */
export function supersamplingFor(map: AffineMap): number {
  const step = Math.hypot(map.ax, map.ay);
  return Math.max(1, Math.min(4, Math.round(step / 1.5)));
}

/**
 * Box-filtered resampling: the mean of n×n bilinear samples per output pixel. Used for the
 * detector's letterbox only (rare calls); Face Mesh crops are near 1:1 and use sampleAffine.
 */
export function sampleAffineSmooth(src: SampleSource, map: AffineMap, size: number, out: Float32Array, o: SampleOptions): void {
  const n = supersamplingFor(map);
  if (n === 1) return sampleAffine(src, map, size, out, o);
  const acc = new Float32Array(out.length);
  for (let sy = 0; sy < n; sy++) {
    for (let sx = 0; sx < n; sx++) {
      // Shift the grid by a sub-pixel offset in output space, then average.
      const dx = (sx + 0.5) / n - 0.5, dy = (sy + 0.5) / n - 0.5;
      const shifted = { ...map, cx: map.cx + map.ax * dx + map.bx * dy, cy: map.cy + map.ay * dx + map.by * dy };
      sampleAffine(src, shifted, size, out, o);
      for (let i = 0; i < out.length; i++) acc[i] += out[i];
    }
  }
  const inv = 1 / (n * n);
  for (let i = 0; i < out.length; i++) out[i] = acc[i] * inv;
}

export function sampleAffine(src: SampleSource, map: AffineMap, size: number, out: Float32Array, o: SampleOptions): void {
  const { data, width: W, height: H } = src;
  const black = o.offset;
  let k = 0;
  for (let v = 0; v < size; v++) {
    const vv = v + 0.5;
    for (let u = 0; u < size; u++, k += 3) {
      const uu = u + 0.5;
      // Source coordinates in pixel-index space (pixel i covers [i, i+1)).
      let x = map.ax * uu + map.bx * vv + map.cx - 0.5;
      let y = map.ay * uu + map.by * vv + map.cy - 0.5;
      if (x < -0.5 || y < -0.5 || x > W - 0.5 || y > H - 0.5) {
        if (o.border === 'zero') {
          out[k] = out[k + 1] = out[k + 2] = black;
          continue;
        }
      }
      x = x < 0 ? 0 : x > W - 1 ? W - 1 : x;
      y = y < 0 ? 0 : y > H - 1 ? H - 1 : y;
      const x0 = x | 0, y0 = y | 0;
      const x1 = x0 + 1 < W ? x0 + 1 : x0;
      const y1 = y0 + 1 < H ? y0 + 1 : y0;
      const fx = x - x0, fy = y - y0;
      const p00 = (y0 * W + x0) * 3, p01 = (y0 * W + x1) * 3;
      const p10 = (y1 * W + x0) * 3, p11 = (y1 * W + x1) * 3;
      for (let c = 0; c < 3; c++) {
        const top = data[p00 + c] + (data[p01 + c] - data[p00 + c]) * fx;
        const bot = data[p10 + c] + (data[p11 + c] - data[p10 + c]) * fx;
        out[k + c] = (top + (bot - top) * fy) * o.scale + o.offset;
      }
    }
  }
}

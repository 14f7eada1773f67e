/**
 * Affine resampling of an RGB24 frame into a float NHWC tensor, with the model's
 * normalisation folded in. Output pixel (u,v) reads source point
 * (ax·u' + bx·v' + cx, ay·u' + by·v' + cy) where u' = u + 0.5, v' = v + 0.5 (pixel centres).
 * Plain bilinear: the crops are small (≤ 192²), so this costs a fraction of a model run.
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

/** Whether every sample point of the output grid falls inside the frame (no clamping needed). */
function gridInside(m: AffineMap, size: number, W: number, H: number): boolean {
  for (const [u, v] of [[0.5, 0.5], [size - 0.5, 0.5], [0.5, size - 0.5], [size - 0.5, size - 0.5]]) {
    const x = m.ax * u + m.bx * v + m.cx - 0.5, y = m.ay * u + m.by * v + m.cy - 0.5;
    if (!(x >= 0 && y >= 0 && x < W - 1 && y < H - 1)) return false;
  }
  return true;
}

export function sampleAffine(src: SampleSource, map: AffineMap, size: number, out: Float32Array, o: SampleOptions): void {
  if (gridInside(map, size, src.width, src.height)) sampleInside(src, map, size, out, o.scale, o.offset);
  else sampleWithBorder(src, map, size, out, o);
}

/** Fast path: the crop lies inside the frame, so no bounds checks; coordinates step incrementally. */
function sampleInside(src: SampleSource, m: AffineMap, size: number, out: Float32Array, scale: number, offset: number): void {
  const { data, width: W } = src;
  const { ax, ay, bx, by } = m;
  const row = 3 * W;
  let k = 0;
  for (let v = 0; v < size; v++) {
    let x = ax * 0.5 + bx * (v + 0.5) + m.cx - 0.5;
    let y = ay * 0.5 + by * (v + 0.5) + m.cy - 0.5;
    for (let u = 0; u < size; u++, k += 3, x += ax, y += ay) {
      const x0 = x | 0, y0 = y | 0;
      const fx = x - x0, fy = y - y0;
      const p = (y0 * W + x0) * 3;
      const w00 = (1 - fx) * (1 - fy) * scale, w01 = fx * (1 - fy) * scale, w10 = (1 - fx) * fy * scale, w11 = fx * fy * scale;
      out[k] = data[p] * w00 + data[p + 3] * w01 + data[p + row] * w10 + data[p + row + 3] * w11 + offset;
      out[k + 1] = data[p + 1] * w00 + data[p + 4] * w01 + data[p + row + 1] * w10 + data[p + row + 4] * w11 + offset;
      out[k + 2] = data[p + 2] * w00 + data[p + 5] * w01 + data[p + row + 2] * w10 + data[p + row + 5] * w11 + offset;
    }
  }
}

/** General path: crops that cross the frame edge (letterbox bars, faces at the border). */
function sampleWithBorder(src: SampleSource, m: AffineMap, size: number, out: Float32Array, o: SampleOptions): void {
  const { data, width: W, height: H } = src;
  const { ax, ay, bx, by, cx, cy } = m;
  const { scale, offset } = o;
  const zero = o.border === 'zero';
  let k = 0;
  for (let v = 0; v < size; v++) {
    // Source coordinates in pixel-index space (pixel i covers [i, i+1)).
    let x = ax * 0.5 + bx * (v + 0.5) + cx - 0.5;
    let y = ay * 0.5 + by * (v + 0.5) + cy - 0.5;
    for (let u = 0; u < size; u++, k += 3, x += ax, y += ay) {
      if (zero && (x < -0.5 || y < -0.5 || x > W - 0.5 || y > H - 0.5)) {
        out[k] = out[k + 1] = out[k + 2] = offset;
        continue;
      }
      const xc = x < 0 ? 0 : x > W - 1 ? W - 1 : x;
      const yc = y < 0 ? 0 : y > H - 1 ? H - 1 : y;
      const x0 = xc | 0, y0 = yc | 0;
      const dx = x0 + 1 < W ? 3 : 0;
      const dy = y0 + 1 < H ? 3 * W : 0;
      const fx = xc - x0, fy = yc - y0;
      const p = (y0 * W + x0) * 3;
      const w00 = (1 - fx) * (1 - fy) * scale, w01 = fx * (1 - fy) * scale, w10 = (1 - fx) * fy * scale, w11 = fx * fy * scale;
      for (let c = 0; c < 3; c++) {
        out[k + c] = data[p + c] * w00 + data[p + dx + c] * w01 + data[p + dy + c] * w10 + data[p + dy + dx + c] * w11 + offset;
      }
    }
  }
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

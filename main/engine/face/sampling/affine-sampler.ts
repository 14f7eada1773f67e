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

export function sampleAffine(src: SampleSource, map: AffineMap, size: number, out: Float32Array, o: SampleOptions): void {
  const { ax, ay, bx, by, cx, cy } = map;
  for (let v = 0; v < size; v++) {
    // Source coordinates of this row's first sample, in pixel-index space (pixel i covers [i, i+1)).
    const x = ax * 0.5 + bx * (v + 0.5) + cx - 0.5;
    const y = ay * 0.5 + by * (v + 0.5) + cy - 0.5;
    const [u0, u1] = insideSpan(x, y, ax, ay, size, src.width, src.height);
    const k = v * size * 3;
    if (u0 > 0) sampleRowBorder(src, x, y, ax, ay, 0, u0, out, k, o);
    if (u1 > u0) sampleRowInside(src, x, y, ax, ay, u0, u1, out, k, o.scale, o.offset);
    if (u1 < size) sampleRowBorder(src, x, y, ax, ay, Math.max(u0, u1), size, out, k, o);
  }
}

/** Samples u in [from, to) along a row; `lo ≤ f0 + a·u < hi` for one axis narrows the span. */
function narrow(span: [number, number], f0: number, a: number, lo: number, hi: number): void {
  const eps = 1e-6;
  if (a === 0) {
    if (!(f0 >= lo && f0 < hi - eps)) span[1] = span[0];
    return;
  }
  const t0 = (lo - f0) / a,
    t1 = (hi - eps - f0) / a;
  span[0] = Math.max(span[0], Math.ceil(Math.min(t0, t1) + eps));
  span[1] = Math.min(span[1], Math.floor(Math.max(t0, t1) - eps) + 1);
}

/** The samples of a row whose 2×2 neighbourhood lies inside the frame: no checks needed there. */
function insideSpan(x: number, y: number, ax: number, ay: number, size: number, W: number, H: number): [number, number] {
  const span: [number, number] = [0, size];
  narrow(span, x, ax, 0, W - 1);
  narrow(span, y, ay, 0, H - 1);
  if (span[1] < span[0]) span[1] = span[0];
  return span;
}

function sampleRowInside(
  src: SampleSource,
  x0: number,
  y0: number,
  ax: number,
  ay: number,
  from: number,
  to: number,
  out: Float32Array,
  k0: number,
  scale: number,
  offset: number,
): void {
  const { data, width: W } = src;
  const row = 3 * W;
  let x = x0 + ax * from,
    y = y0 + ay * from;
  for (let u = from, k = k0 + 3 * from; u < to; u++, k += 3, x += ax, y += ay) {
    const xi = x | 0,
      yi = y | 0;
    const fx = x - xi,
      fy = y - yi;
    const p = (yi * W + xi) * 3;
    const w00 = (1 - fx) * (1 - fy) * scale,
      w01 = fx * (1 - fy) * scale,
      w10 = (1 - fx) * fy * scale,
      w11 = fx * fy * scale;
    out[k] = data[p] * w00 + data[p + 3] * w01 + data[p + row] * w10 + data[p + row + 3] * w11 + offset;
    out[k + 1] = data[p + 1] * w00 + data[p + 4] * w01 + data[p + row + 1] * w10 + data[p + row + 4] * w11 + offset;
    out[k + 2] = data[p + 2] * w00 + data[p + 5] * w01 + data[p + row + 2] * w10 + data[p + row + 5] * w11 + offset;
  }
}

/** Samples near or beyond the frame edge: black (letterbox bars) or the edge repeated. */
function sampleRowBorder(
  src: SampleSource,
  x0: number,
  y0: number,
  ax: number,
  ay: number,
  from: number,
  to: number,
  out: Float32Array,
  k0: number,
  o: SampleOptions,
): void {
  const { data, width: W, height: H } = src;
  const { scale, offset } = o;
  const zero = o.border === 'zero';
  let x = x0 + ax * from,
    y = y0 + ay * from;
  for (let u = from, k = k0 + 3 * from; u < to; u++, k += 3, x += ax, y += ay) {
    if (zero && (x < -0.5 || y < -0.5 || x > W - 0.5 || y > H - 0.5)) {
      out[k] = out[k + 1] = out[k + 2] = offset;
      continue;
    }
    const xc = x < 0 ? 0 : x > W - 1 ? W - 1 : x;
    const yc = y < 0 ? 0 : y > H - 1 ? H - 1 : y;
    const xi = xc | 0,
      yi = yc | 0;
    const dx = xi + 1 < W ? 3 : 0;
    const dy = yi + 1 < H ? 3 * W : 0;
    const fx = xc - xi,
      fy = yc - yi;
    const p = (yi * W + xi) * 3;
    const w00 = (1 - fx) * (1 - fy) * scale,
      w01 = fx * (1 - fy) * scale,
      w10 = (1 - fx) * fy * scale,
      w11 = fx * fy * scale;
    for (let c = 0; c < 3; c++) {
      out[k + c] = data[p + c] * w00 + data[p + dx + c] * w01 + data[p + dy + c] * w10 + data[p + dy + dx + c] * w11 + offset;
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
      const dx = (sx + 0.5) / n - 0.5,
        dy = (sy + 0.5) / n - 0.5;
      const shifted = { ...map, cx: map.cx + map.ax * dx + map.bx * dy, cy: map.cy + map.ay * dx + map.by * dy };
      sampleAffine(src, shifted, size, out, o);
      for (let i = 0; i < out.length; i++) acc[i] += out[i];
    }
  }
  const inv = 1 / (n * n);
  for (let i = 0; i < out.length; i++) out[i] = acc[i] * inv;
}

/**
 * Moving-least-squares image warp (affine MLS, Schaefer et al. 2006): control points move,
 * everything between them follows smoothly. Evaluated on a coarse grid and interpolated, then
 * applied as a backward map with bilinear sampling, only inside the face's box.
 */
export interface ControlPoints {
  /** Where each feature is now: x0, y0, x1, y1, … in frame pixels. */
  from: Float64Array;
  /** Where it should be. */
  to: Float64Array;
}

export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

const GRID = 6;

/** Backward map at v: the point of the original image that lands on v after the warp. */
function mlsSource(c: ControlPoints, vx: number, vy: number): [number, number] {
  const n = c.to.length / 2;
  let sw = 0,
    px = 0,
    py = 0,
    qx = 0,
    qy = 0;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const dx = c.to[2 * i] - vx,
      dy = c.to[2 * i + 1] - vy;
    w[i] = 1 / (dx * dx + dy * dy + 1e-3);
    sw += w[i];
    qx += w[i] * c.to[2 * i];
    qy += w[i] * c.to[2 * i + 1];
    px += w[i] * c.from[2 * i];
    py += w[i] * c.from[2 * i + 1];
  }
  qx /= sw;
  qy /= sw;
  px /= sw;
  py /= sw;
  // M = (Σ w q̂ᵀq̂)⁻¹ Σ w q̂ᵀp̂, a 2×2 affine part mapping destination offsets to source offsets.
  let a = 0,
    b = 0,
    d = 0,
    m00 = 0,
    m01 = 0,
    m10 = 0,
    m11 = 0;
  for (let i = 0; i < n; i++) {
    const hx = c.to[2 * i] - qx,
      hy = c.to[2 * i + 1] - qy;
    const gx = c.from[2 * i] - px,
      gy = c.from[2 * i + 1] - py;
    a += w[i] * hx * hx;
    b += w[i] * hx * hy;
    d += w[i] * hy * hy;
    m00 += w[i] * hx * gx;
    m01 += w[i] * hx * gy;
    m10 += w[i] * hy * gx;
    m11 += w[i] * hy * gy;
  }
  const det = a * d - b * b;
  if (Math.abs(det) < 1e-9) return [vx - qx + px, vy - qy + py];
  const [i00, i01, i11] = [d / det, -b / det, a / det];
  const M00 = i00 * m00 + i01 * m10,
    M01 = i00 * m01 + i01 * m11;
  const M10 = i01 * m00 + i11 * m10,
    M11 = i01 * m01 + i11 * m11;
  const ux = vx - qx,
    uy = vy - qy;
  return [ux * M00 + uy * M10 + px, ux * M01 + uy * M11 + py];
}

const smoothstep = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x));

/** Displacement field on a grid over the box, fading to zero at the box's edge. */
function displacementGrid(c: ControlPoints, box: PixelBox): { cols: number; rows: number; d: Float32Array } {
  const cols = Math.ceil((box.x1 - box.x0) / GRID) + 1;
  const rows = Math.ceil((box.y1 - box.y0) / GRID) + 1;
  const d = new Float32Array(cols * rows * 2);
  const feather = 0.12 * Math.min(box.x1 - box.x0, box.y1 - box.y0);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < cols; k++) {
      const x = box.x0 + k * GRID,
        y = box.y0 + r * GRID;
      const edge = Math.min(x - box.x0, box.x1 - x, y - box.y0, box.y1 - y);
      const fade = smoothstep(edge / feather);
      const [sx, sy] = mlsSource(c, x, y);
      d[2 * (r * cols + k)] = (sx - x) * fade;
      d[2 * (r * cols + k) + 1] = (sy - y) * fade;
    }
  }
  return { cols, rows, d };
}

function sampleBilinear(src: Uint8Array, w: number, h: number, x: number, y: number, out: Uint8Array, o: number): void {
  const cx = Math.min(w - 1.001, Math.max(0, x)),
    cy = Math.min(h - 1.001, Math.max(0, y));
  const x0 = Math.floor(cx),
    y0 = Math.floor(cy);
  const fx = cx - x0,
    fy = cy - y0;
  const i00 = (y0 * w + x0) * 3,
    i10 = i00 + 3,
    i01 = i00 + w * 3,
    i11 = i01 + 3;
  for (let ch = 0; ch < 3; ch++) {
    const top = src[i00 + ch] + (src[i10 + ch] - src[i00 + ch]) * fx;
    const bottom = src[i01 + ch] + (src[i11 + ch] - src[i01 + ch]) * fx;
    out[o + ch] = Math.round(top + (bottom - top) * fy);
  }
}

/** Warps the image in place inside `box` so that control points move from → to. */
export function warpInPlace(img: RgbImage, c: ControlPoints, box: PixelBox): void {
  const b = {
    x0: Math.max(0, Math.floor(box.x0)),
    y0: Math.max(0, Math.floor(box.y0)),
    x1: Math.min(img.width - 1, Math.ceil(box.x1)),
    y1: Math.min(img.height - 1, Math.ceil(box.y1)),
  };
  if (b.x1 <= b.x0 || b.y1 <= b.y0) return;
  const grid = displacementGrid(c, b);
  const src = img.data.slice();
  for (let y = b.y0; y <= b.y1; y++) {
    const gy = (y - b.y0) / GRID,
      r = Math.min(grid.rows - 2, Math.floor(gy)),
      fy = gy - r;
    for (let x = b.x0; x <= b.x1; x++) {
      const gx = (x - b.x0) / GRID,
        k = Math.min(grid.cols - 2, Math.floor(gx)),
        fx = gx - k;
      const i = 2 * (r * grid.cols + k),
        j = i + 2 * grid.cols;
      const dx = (grid.d[i] * (1 - fx) + grid.d[i + 2] * fx) * (1 - fy) + (grid.d[j] * (1 - fx) + grid.d[j + 2] * fx) * fy;
      const dy = (grid.d[i + 1] * (1 - fx) + grid.d[i + 3] * fx) * (1 - fy) + (grid.d[j + 1] * (1 - fx) + grid.d[j + 3] * fx) * fy;
      if (Math.abs(dx) < 0.01 && Math.abs(dy) < 0.01) continue;
      sampleBilinear(src, img.width, img.height, x + dx, y + dy, img.data, (y * img.width + x) * 3);
    }
  }
}

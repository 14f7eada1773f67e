import { describe, expect, it } from 'vitest';
import { sampleAffine, type AffineMap } from '../../../main/engine/face/sampling/affine-sampler';

/** Per-pixel bilinear with clamping or black outside: the obvious version the fast one must equal. */
function reference(data: Uint8Array, W: number, H: number, m: AffineMap, size: number, zero: boolean): Float32Array {
  const out = new Float32Array(size * size * 3);
  const px = (x: number, y: number, c: number) => data[(y * W + x) * 3 + c];
  for (let v = 0, k = 0; v < size; v++) {
    for (let u = 0; u < size; u++, k += 3) {
      let x = m.ax * (u + 0.5) + m.bx * (v + 0.5) + m.cx - 0.5;
      let y = m.ay * (u + 0.5) + m.by * (v + 0.5) + m.cy - 0.5;
      if (zero && (x < -0.5 || y < -0.5 || x > W - 0.5 || y > H - 0.5)) continue;
      x = Math.min(Math.max(x, 0), W - 1);
      y = Math.min(Math.max(y, 0), H - 1);
      const x0 = Math.floor(x),
        y0 = Math.floor(y),
        x1 = Math.min(x0 + 1, W - 1),
        y1 = Math.min(y0 + 1, H - 1);
      const fx = x - x0,
        fy = y - y0;
      for (let c = 0; c < 3; c++) {
        const top = px(x0, y0, c) * (1 - fx) + px(x1, y0, c) * fx;
        const bottom = px(x0, y1, c) * (1 - fx) + px(x1, y1, c) * fx;
        out[k + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return out;
}

describe('affine sampler', () => {
  it('equals plain per-pixel bilinear for rotated, scaled and out-of-frame crops', () => {
    const W = 97,
      H = 61;
    const data = Uint8Array.from({ length: W * H * 3 }, (_, i) => (i * 7919) % 256);
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let worst = 0;
    for (let t = 0; t < 200; t++) {
      const angle = t % 3 === 0 ? 0 : rand() * 2 * Math.PI;
      const k = 0.2 + rand() * 3;
      const m = {
        ax: Math.cos(angle) * k,
        bx: -Math.sin(angle) * k,
        ay: Math.sin(angle) * k,
        by: Math.cos(angle) * k,
        cx: rand() * 160 - 40,
        cy: rand() * 120 - 40,
      };
      const zero = t % 2 === 0;
      const got = new Float32Array(32 * 32 * 3);
      sampleAffine({ data, width: W, height: H }, m, 32, got, { scale: 1, offset: 0, border: zero ? 'zero' : 'clamp' });
      const want = reference(data, W, H, m, 32, zero);
      for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
    }
    expect(worst).toBeLessThan(1e-3);
  });
});

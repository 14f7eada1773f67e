import { faceHeight } from '../face/geometry';
import { lowerFacePolygon, type Pt } from '../face/polygons';

/**
 * The lower-face region (face/polygons.ts) as a pixel mask for measurements, rasterised with a
 * plain scanline fill so evaluation does not depend on the compositing module.
 */

/** Even-odd scanline fill at pixel centres; mask is 1 inside. */
export function fillPolygon(poly: Pt[], width: number, height: number, mask = new Uint8Array(width * height)): Uint8Array {
  const ys = poly.map((p) => p[1]);
  const y0 = Math.max(0, Math.floor(Math.min(...ys))),
    y1 = Math.min(height - 1, Math.ceil(Math.max(...ys)));
  for (let y = y0; y <= y1; y++) {
    const yc = y + 0.5;
    const xs: number[] = [];
    for (let i = 0; i < poly.length; i++) {
      const [ax, ay] = poly[i],
        [bx, by] = poly[(i + 1) % poly.length];
      if ((ay <= yc && by > yc) || (by <= yc && ay > yc)) xs.push(ax + ((yc - ay) / (by - ay)) * (bx - ax));
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const xa = Math.max(0, Math.ceil(xs[k] - 0.5)),
        xb = Math.min(width - 1, Math.floor(xs[k + 1] - 0.5));
      mask.fill(1, y * width + xa, y * width + xb + 1);
    }
  }
  return mask;
}

/** Square dilation by `r` pixels, separable, with running sums: O(pixels) whatever r is. */
export function dilate(mask: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const pass = (src: Uint8Array, n: number, lines: number, at: (line: number, i: number) => number) => {
    const out = new Uint8Array(src.length);
    for (let l = 0; l < lines; l++) {
      let count = 0;
      for (let i = 0; i < Math.min(r, n); i++) count += src[at(l, i)];
      for (let i = 0; i < n; i++) {
        if (i + r < n) count += src[at(l, i + r)];
        if (i - r - 1 >= 0) count -= src[at(l, i - r - 1)];
        out[at(l, i)] = count > 0 ? 1 : 0;
      }
    }
    return out;
  };
  const rows = pass(mask, width, height, (y, x) => y * width + x);
  return pass(rows, height, width, (x, y) => y * width + x);
}

/** The lower-face mask of one face, dilated by `margin` × face height (10 % by default). */
export function lowerFaceMask(landmarks: Float32Array, width: number, height: number, margin = 0.1): Uint8Array {
  const filled = fillPolygon(lowerFacePolygon(landmarks), width, height);
  return dilate(filled, width, height, Math.max(1, Math.round(margin * faceHeight(landmarks))));
}

import { describe, expect, it } from 'vitest';
import { NoseImageShift } from '../../../main/engine/analysis/nose-shift';
import { NOSE_LINE } from '../../../main/engine/face/mesh-regions';
import type { TrackedFace } from '../../../main/engine/face/types';

const [W, H] = [400, 400];

/** Face height 200 (10 → 152), the nose line from (200, 140) down to (200, 220). */
function face(): TrackedFace {
  const p = new Float32Array(468 * 3);
  [p[30], p[31]] = [200, 100];
  [p[456], p[457]] = [200, 300];
  NOSE_LINE.forEach((k, j) => ([p[3 * k], p[3 * k + 1]] = [190 + (j % 3) * 10, 140 + j * 8]));
  return { trackId: 0, box: { x: 0, y: 0, w: 1, h: 1 }, landmarks: p, score: 1 };
}

/** A smooth grey texture, moved by (dx, dy) px; rows from `changedFrom` down replaced by another texture. */
function image(dx = 0, dy = 0, changedFrom = H): Uint8Array {
  const d = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const [u, v] = [x - dx, y - dy];
      const g = y >= changedFrom ? 128 + 60 * Math.cos(u / 3) : 128 + 50 * Math.sin(u / 7) * Math.cos(v / 5) + 30 * Math.sin((u + v) / 11);
      d.fill(Math.round(g), 3 * (y * W + x), 3 * (y * W + x) + 3);
    }
  }
  return d;
}

const shiftOf = (video: Uint8Array, reference: Uint8Array) => {
  const m = new NoseImageShift(W, H);
  m.add(video, reference, face());
  return m.p95();
};

describe('nose shift in the image', () => {
  it('is 0 for the same pixels, and for a mouth changed below the nose box', () => {
    expect(shiftOf(image(), image())).toBeCloseTo(0, 5);
    expect(shiftOf(image(0, 0, 240), image())).toBeCloseTo(0, 5);
  });

  it('reads a nose moved by (3, 4) px as 5 px in % of the face height 200, and a sub-pixel move to a tenth', () => {
    expect(shiftOf(image(3, 4), image())).toBeCloseTo(2.5, 1);
    expect(shiftOf(image(1.5, 0), image())).toBeGreaterThan(0.6);
    expect(shiftOf(image(1.5, 0), image())).toBeLessThan(0.9);
  });
});

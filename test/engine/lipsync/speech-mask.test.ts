import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { maskAt } from '../../../main/engine/compositing';
import { JAW, NOSE_LINE } from '../../../main/engine/face/mesh-regions';
import { mouthAlignment, mouthMask } from '../../../main/engine/lipsync/builtin/render-mouth';

/** talk3 at 1.2 s, where a Spanish dub showed a pale jaw patch and a ghost earring (issue 16). */
const FIXTURE = new URL('../compositing/fixtures/talk3-frame30-landmarks.json', import.meta.url);
const fx = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { width: number; height: number; landmarks: number[] };
const lm = Float32Array.from(fx.landmarks);
const at = (p: Float32Array, i: number) => [Math.round(p[3 * i]), Math.round(p[3 * i + 1])] as const;

/** Tragus and ear-level points of the face oval. */
const EARS = [234, 93, 127, 132, 454, 323, 356, 361];

describe('built-in lip-sync mask (speech region)', () => {
  it('covers the lips and chin of a real talk3 frame, never the nose, the ears or the jaw outline', async () => {
    const mask = await mouthMask(lm, lm, fx.width, fx.height);
    const value = (i: number) => maskAt(mask, ...at(lm, i));
    for (const i of [13, 14, 17, 200]) expect(value(i), `lip/chin point ${i}`).toBeGreaterThan(0.9);
    // The upper lip's top edge and the corners are inside the feather's end: no lip of the frame's own shows through.
    for (const i of [0, 61, 291]) expect(value(i), `lip edge point ${i}`).toBeGreaterThan(0.9);
    for (const i of NOSE_LINE) expect(value(i), `nose point ${i}`).toBeLessThan(0.05);
    for (const i of [1, 4, 5]) expect(value(i), `nose tip point ${i}`).toBe(0);
    for (const i of EARS) expect(value(i), `ear point ${i}`).toBe(0);
    for (const i of JAW) expect(value(i), `jaw outline point ${i}`).toBeLessThan(0.05);
  });

  it('fits a moved, scaled mouth back onto the frame by the mouth anchors', () => {
    // The same face shifted by (12, -7) px and scaled 1.1×: the alignment must undo exactly that.
    const moved = lm.map((v, k) => (k % 3 === 0 ? 1.1 * v + 12 : k % 3 === 1 ? 1.1 * v - 7 : v));
    const m = mouthAlignment(lm, moved);
    const [x, y] = at(lm, 14);
    expect(m[0] * x + m[1] * y + m[2]).toBeCloseTo(1.1 * x + 12, 1);
    expect(m[3] * x + m[4] * y + m[5]).toBeCloseTo(1.1 * y - 7, 1);
  });
});

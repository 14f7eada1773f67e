import { describe, expect, it } from 'vitest';
import { bestLagCorrelation } from '../../../main/engine/analysis/lagged-correlation';
import { lipDistance } from '../../../main/engine/analysis/lip-distance';
import { mouthBox, MouthTemporalChange } from '../../../main/engine/analysis/mouth-change';
import { noseDriftSeries } from '../../../main/engine/analysis/nose-drift';
import { stableLandmarkJitter } from '../../../main/engine/analysis/stable-jitter';
import { compareWithTruth } from '../../../main/engine/analysis/truth-compare';
import type { FaceTrack, TrackedFace } from '../../../main/engine/face/types';

/** A deterministic synthetic mesh: points scattered round (200, 200), face height 200 (10 → 152), level eyes. */
function syntheticFace(open = 10): Float32Array {
  const p = new Float32Array(468 * 3);
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 100 - 50;
  for (let k = 0; k < 468; k++) [p[3 * k], p[3 * k + 1]] = [200 + rnd(), 200 + rnd()];
  const set = (k: number, x: number, y: number) => ([p[3 * k], p[3 * k + 1]] = [x, y]);
  set(10, 200, 100);
  set(152, 200, 300);
  set(33, 150, 170);
  set(263, 250, 170);
  set(13, 200, 250);
  set(14, 200, 250 + open);
  return p;
}

/** Rotates by `angle`, scales by `s` about the origin and moves by (dx, dy): a different head position. */
function moved(p: Float32Array, angle: number, s: number, dx: number, dy: number): Float32Array {
  const q = new Float32Array(p);
  const c = Math.cos(angle),
    n = Math.sin(angle);
  for (let k = 0; k < 468; k++) {
    const x = p[3 * k],
      y = p[3 * k + 1];
    q[3 * k] = s * (c * x - n * y) + dx;
    q[3 * k + 1] = s * (n * x + c * y) + dy;
  }
  return q;
}

const face = (landmarks: Float32Array): TrackedFace => ({ trackId: 0, box: { x: 0, y: 0, w: 1, h: 1 }, landmarks, score: 1 });
const trackOf = (faces: Float32Array[]): FaceTrack => ({
  videoHash: 'synthetic',
  fps: 25,
  width: 400,
  height: 400,
  frames: faces.map((f, index) => ({ index, faces: [face(f)] })),
  mainTrackId: 0,
});

describe('lagged correlation', () => {
  const a = [0.1, 0.9, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 0.5, 0.0, 1.0, 0.35];
  it('finds the lag of a shifted copy, with the sign meaning "the first series leads"', () => {
    const later = [0, 0, ...a.slice(0, -2)]; // b[i + 2] = a[i]: a leads by 2 frames
    const c = bestLagCorrelation(a, later);
    expect(c.lag).toBe(2);
    expect(c.best).toBeCloseTo(1, 10);
    expect(c.r).toBeLessThan(0.9);
    expect(bestLagCorrelation(later, a).lag).toBe(-2);
  });
  it('skips frames without a face (NaN) and prefers lag 0 on ties', () => {
    const gaps = a.map((v, i) => (i % 4 === 1 ? NaN : v));
    expect(bestLagCorrelation(gaps, a)).toEqual({ r: 1, best: 1, lag: 0 });
  });
});

describe('lip landmark distance', () => {
  const base = syntheticFace();
  it('is 0 for the same lips at another head position, roll and size', () => {
    expect(lipDistance(base, base)).toBe(0);
    expect(lipDistance(moved(base, 0.3, 1.7, 40, -25), base)).toBeLessThan(1e-6);
  });
  it('measures one lip point moved by 20 px (face height 200) as 39/40·20·2/40/200', () => {
    const changed = new Float32Array(base);
    changed[3 * 14 + 1] += 20; // inner lower lip: the mouth centre moves by 20/40 too
    expect(lipDistance(changed, base)).toBeCloseTo((2 * (39 / 40) * 20) / 40 / 200, 6);
  });
});

describe('truth comparison', () => {
  const openings = [4, 12, 6, 18, 2, 14, 9, 20, 3, 11, 16, 5, 8, 19, 1];
  const frames = openings.map((o) => syntheticFace(o));
  it('gives correlation 1 and LMD 0 for the truth itself, also at another head position', () => {
    const t = compareWithTruth(trackOf(frames.map((f) => moved(f, -0.2, 0.8, 10, 30))), trackOf(frames));
    expect(t.frames).toBe(openings.length);
    expect(t.opennessCorrelation).toBeCloseTo(1, 5);
    expect(t.opennessBestLag).toBe(0);
    expect(t.lipLandmarkDistance).toBeLessThan(1e-4);
  });
  it('finds a mouth that moves two frames early, over the common length', () => {
    const truth = [syntheticFace(0), syntheticFace(0), ...frames]; // the truth's mouth is 2 frames later
    const t = compareWithTruth(trackOf(frames), trackOf(truth));
    expect(t.frames).toBe(openings.length);
    expect(t.opennessBestLag).toBe(2);
    expect(t.opennessBestCorrelation).toBeCloseTo(1, 5);
    expect(t.lipLandmarkDistance).toBeGreaterThan(0.1); // only point 14 differs: ~0.18 %
  });
});

describe('identity and steadiness', () => {
  const base = syntheticFace();
  it('nose drift is the displacement in % of face height, with nothing removed', () => {
    const shifted = moved(base, 0, 1, 2, 0); // 2 px of 200
    expect(noseDriftSeries([face(shifted), face(base)], [face(base), face(base)])).toEqual([1, 0]);
    const tip = new Float32Array(base);
    tip[3 * 1 + 1] += 4; // only the nose tip moves, 4 px: the largest point counts
    expect(noseDriftSeries([face(tip)], [face(base)])[0]).toBeCloseTo(2, 5);
    // A reference at half the size is scaled up first.
    expect(noseDriftSeries([face(base)], [face(moved(base, 0, 0.5, 0, 0))], 2)[0]).toBeCloseTo(0, 5);
  });
  it('stable-landmark jitter ignores steady head motion and counts wobble', () => {
    const glide = [0, 1, 2, 3, 4].map((i) => face(moved(base, 0, 1, 3 * i, 0)));
    expect(stableLandmarkJitter(glide)).toBeLessThan(1e-5);
    const wobble = [0, 1, 0, 1, 0].map((i) => face(moved(base, 0, 1, 2 * i, 0))); // second difference 4 px
    expect(stableLandmarkJitter(wobble)).toBeCloseTo(4 / 200, 4);
  });
  it('mouth temporal change is the mean grey-level step inside the mouth box', () => {
    const w = 400,
      h = 400;
    const box = mouthBox(base, w, h);
    expect(box.x1 - box.x0).toBeGreaterThan(0);
    const grey = (v: number) => new Uint8Array(w * h * 3).fill(v);
    const change = new MouthTemporalChange(w);
    for (const v of [100, 110, 100, 100]) change.add(grey(v), box);
    expect(change.mean()).toBeCloseTo(20 / 3, 3);
  });
});

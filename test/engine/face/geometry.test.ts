import { describe, expect, it } from 'vitest';
import { buildAnchors, FULL_RANGE_ANCHORS, SHORT_RANGE_ANCHORS } from '../../../main/engine/face/detect/anchors';
import { weightedNms } from '../../../main/engine/face/detect/weighted-nms';
import { roiFromLandmarks, roiToFrameMap } from '../../../main/engine/face/landmarks/roi';
import { OneEuroVector } from '../../../main/engine/face/track/one-euro';

describe('BlazeFace anchors', () => {
  it("match the models' output counts", () => {
    expect(buildAnchors(SHORT_RANGE_ANCHORS).length / 2).toBe(896);
    expect(buildAnchors(FULL_RANGE_ANCHORS).length / 2).toBe(2304);
  });

  it('start with the stride-8 grid centre (0.5/16) for short range', () => {
    const a = buildAnchors(SHORT_RANGE_ANCHORS);
    expect(a[0]).toBeCloseTo(1 / 32);
    expect(a[2 * 512]).toBeCloseTo(1 / 16); // first stride-16 anchor
  });
});

describe('weighted NMS', () => {
  it('merges overlapping boxes into their score-weighted mean and keeps separate ones', () => {
    const kp = new Float32Array(12);
    const out = weightedNms([
      { score: 0.9, x: 0, y: 0, w: 10, h: 10, keypoints: kp },
      { score: 0.3, x: 2, y: 0, w: 10, h: 10, keypoints: kp },
      { score: 0.8, x: 100, y: 100, w: 10, h: 10, keypoints: kp },
    ]);
    expect(out).toHaveLength(2);
    expect(out[0].x).toBeCloseTo((0.9 * 0 + 0.3 * 2) / 1.2);
    expect(out[0].score).toBe(0.9);
  });
});

describe('face ROI', () => {
  it('maps the crop centre to the ROI centre and follows the roll', () => {
    const roi = { cx: 100, cy: 50, size: 96, angle: Math.PI / 6 };
    const m = roiToFrameMap(roi, 192);
    expect(m.ax * 96 + m.bx * 96 + m.cx).toBeCloseTo(100);
    expect(m.ay * 96 + m.by * 96 + m.cy).toBeCloseTo(50);
    // One crop pixel to the right moves along the roll direction, size/192 pixels.
    expect(Math.atan2(m.ay, m.ax)).toBeCloseTo(Math.PI / 6);
    expect(Math.hypot(m.ax, m.ay)).toBeCloseTo(0.5);
  });

  it('derives roll from the eye corners of a mesh', () => {
    const p = new Float32Array(468 * 3);
    for (let i = 0; i < 468; i++) {
      p[3 * i] = 50 + (i % 10);
      p[3 * i + 1] = 50 + (i % 7);
    }
    p.set([40, 40, 0], 33 * 3);
    p.set([80, 80, 0], 263 * 3);
    expect(roiFromLandmarks(p).angle).toBeCloseTo(Math.PI / 4);
  });
});

describe('One Euro filter', () => {
  it('steadies a noisy still value but follows a fast move', () => {
    const f = new OneEuroVector({ minCutoff: 0.5, beta: 5, dCutoff: 1 });
    let noisyOut = 0;
    let seed = 1;
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
    let prev = 0;
    for (let i = 0; i < 50; i++) {
      const y = f.filter(Float32Array.of(100 + noise()), i / 25, 100)[0];
      if (i > 10) noisyOut += Math.abs(y - prev);
      prev = y;
    }
    expect(noisyOut / 39).toBeLessThan(0.3); // raw noise moves ~0.67 per frame
    let y = 0;
    for (let i = 50; i < 60; i++) y = f.filter(Float32Array.of(150), i / 25, 100)[0];
    expect(y).toBeGreaterThan(140);
  });
});

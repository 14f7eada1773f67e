import { describe, expect, it } from 'vitest';
import { dilate, fillPolygon } from '../../../main/engine/analysis/lower-face-mask';
import { frameLoudnessDb } from '../../../main/engine/analysis/loudness';
import { MaskedError } from '../../../main/engine/analysis/psnr';
import { aucMannWhitney, pearson, percentile } from '../../../main/engine/analysis/stats';
import { speechFrames } from '../../../main/engine/analysis/vad';

describe('statistics', () => {
  it('AUC is 1 for separated classes, 0.5 for identical ones, and counts ties half', () => {
    expect(aucMannWhitney([3, 4, 5], [0, 1, 2])).toBe(1);
    expect(aucMannWhitney([1, 2], [1, 2])).toBe(0.5);
    expect(aucMannWhitney([1], [1])).toBe(0.5);
    expect(aucMannWhitney([0], [1, 2])).toBe(0);
    expect(aucMannWhitney([], [1])).toBeNaN();
  });

  it('Pearson and percentiles', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(percentile([0, 10, 20, 30, 40], 90)).toBeCloseTo(36);
  });
});

describe('loudness and VAD', () => {
  it('labels tone frames as speech and silent frames (beyond a short hangover) as silence', () => {
    const rate = 16000,
      fps = 25;
    const samples = new Float32Array(rate * 2); // 1 s of tone, then 1 s of silence
    for (let i = 0; i < rate; i++) samples[i] = 0.3 * Math.sin((2 * Math.PI * 220 * i) / rate);
    const db = frameLoudnessDb(samples, rate, fps, 60); // 10 frames past the end of the audio
    expect(db[0]).toBeCloseTo(20 * Math.log10(0.3 / Math.SQRT2), 0);
    const speech = speechFrames(db, { speechPercentile: 90, rangeDb: 30, hangover: 2 });
    expect(speech.slice(0, 25).every(Boolean)).toBe(true);
    expect(speech.slice(25, 27)).toEqual([true, true]);
    expect(speech.slice(27).some(Boolean)).toBe(false);
  });
});

describe('lower-face mask', () => {
  it('fills a polygon at pixel centres and dilates it by a square of radius r', () => {
    const w = 20,
      h = 20;
    const mask = fillPolygon(
      [
        [5, 5],
        [15, 5],
        [15, 15],
        [5, 15],
      ],
      w,
      h,
    );
    expect(mask.reduce((a, b) => a + b, 0)).toBe(100);
    const grown = dilate(mask, w, h, 2);
    expect(grown.reduce((a, b) => a + b, 0)).toBe(14 * 14);
    expect(grown[3 * w + 3]).toBe(1);
    expect(grown[2 * w + 2]).toBe(0);
  });

  it('PSNR ignores masked pixels', () => {
    const a = new Uint8Array([10, 10, 10, 200, 200, 200]);
    const b = new Uint8Array([10, 10, 10, 0, 0, 0]);
    const e = new MaskedError();
    e.add(a, b, new Uint8Array([0, 1]));
    expect(e.psnr()).toBe(Infinity);
    const all = new MaskedError();
    all.add(a, b, undefined);
    expect(all.psnr()).toBeCloseTo(10 * Math.log10((255 * 255) / 20000), 3);
  });
});

/** The progress meter's rate and ETA, on a fake clock: honest from the first frame of the work. */
import { describe, expect, it } from 'vitest';
import { ETA_AFTER_SECONDS, ProgressMeter, type Progress } from '../../main/engine/pipeline/progress';

function meter(total: number): { at(seconds: number, done: number): Progress } {
  let now = 0;
  let last: Progress | undefined;
  const m = new ProgressMeter(
    total,
    (p) => (last = p),
    500,
    () => now,
  );
  return {
    at(seconds, done) {
      now = seconds * 1000;
      m.update(done, true);
      return last!;
    },
  };
}

describe('ProgressMeter', () => {
  it('a 60 s clip whose faces took 30 s to analyse: no ETA at first, then the real one', () => {
    const m = meter(1500); // 60 s at 25 fps; the meter exists from t = 0
    // The first frame arrives after 30 s of analysis: measured from creation, that is 0.03 fps
    // and an ETA of 749 minutes. The rate counts from the first frame instead, and no ETA yet.
    const first = m.at(30, 1);
    expect(first.fps).toBe(0);
    expect(first.eta).toBeNaN();
    expect(m.at(31, 26).eta).toBeNaN(); // one second of rendering is too little to judge
    const later = m.at(30 + ETA_AFTER_SECONDS + 1, 101);
    expect(later.fps).toBeCloseTo(25, 6);
    expect(later.eta).toBeCloseTo((1500 - 101) / 25, 6);
    expect(later.elapsed).toBe(ETA_AFTER_SECONDS + 1);
  });

  it('no ETA when nothing moves', () => {
    const m = meter(100);
    m.at(0, 0);
    expect(m.at(10, 0).eta).toBeNaN();
  });
});

import { describe, expect, it } from 'vitest';
import { bruteForceNearest, CandidateIndex } from '../../../main/engine/lipsync/builtin/candidate-index';
import { selectBankFrames, type BankFrame, type TargetFrame } from '../../../main/engine/lipsync/builtin/unit-selection';

/** A deterministic pseudo-random source, so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** A bank whose mouths open and close like speech, with audio features that follow the opening. */
function makeBank(n: number, rand: () => number): BankFrame[] {
  return Array.from({ length: n }, (_, i) => {
    const open = Math.max(0, Math.sin(i / 3) * 0.08 + (rand() - 0.5) * 0.01);
    const audio = Float32Array.from({ length: 4 }, (_, d) => open * 20 * (d % 2 ? 1 : -1) + (rand() - 0.5) * 0.2);
    return {
      mouth: Float32Array.of(open, open * 0.3 + (rand() - 0.5) * 0.01),
      audio,
      sourceIndex: i,
      pose: Float32Array.of(0, rand() * 0.05, 0),
    };
  });
}

const target = (b: BankFrame, silent = false): TargetFrame => ({ mouth: b.mouth, audio: b.audio, silent });
const jumps = (p: Int32Array) => p.filter((j, t) => t > 0 && j !== p[t - 1] + 1).length;

describe('unit selection (built-in lip-sync)', () => {
  it('reproduces the source order when the targets are the source itself', () => {
    const bank = makeBank(200, rng(1));
    const path = selectBankFrames(
      bank.map((b) => target(b)),
      bank,
      { mouthScale: 0.05 },
    );
    expect(path.filter((j, t) => j === t).length / path.length).toBeGreaterThan(0.95);
  });

  it('follows the wanted mouth: open where asked, the rest shape in silence', () => {
    const bank = makeBank(300, rng(2));
    const open = bank.reduce((a, b) => (b.mouth[0] > a.mouth[0] ? b : a));
    const rest = { ...open, mouth: Float32Array.of(0, 0) };
    const targets = Array.from({ length: 120 }, (_, t) => (Math.floor(t / 20) % 2 === 0 ? target(open) : target(rest, true)));
    const path = selectBankFrames(targets, bank, { mouthScale: 0.05 });
    const mean = (silent: boolean) => {
      const ts = targets.map((_, t) => t).filter((t) => targets[t].silent === silent);
      return ts.reduce((s, t) => s + bank[path[t]].mouth[0], 0) / ts.length;
    };
    expect(mean(false)).toBeGreaterThan(0.05);
    expect(mean(true)).toBeLessThan(0.02);
  });

  it('prefers runs of consecutive source frames over jumps', () => {
    const bank = makeBank(300, rng(3));
    const rand = rng(4);
    const targets = Array.from({ length: 100 }, (_, t) => {
      const b = bank[(t * 7) % 300];
      return { ...target(b), mouth: b.mouth.map((v) => v + (rand() - 0.5) * 0.02) };
    });
    const free = selectBankFrames(targets, bank, { mouthScale: 0.05, weights: { visual: 0, jump: 0, hold: 0 } });
    const smooth = selectBankFrames(targets, bank, { mouthScale: 0.05 });
    // The targets stride by 7 through the bank: the mouth alone jumps almost every frame.
    expect(jumps(free)).toBeGreaterThan(80);
    expect(jumps(smooth)).toBeLessThan(jumps(free) * 0.8);
  });

  it('chooses exactly as the brute-force scan does (index = reference)', () => {
    const bank = makeBank(400, rng(6));
    const rand = rng(7);
    const targets = Array.from({ length: 150 }, (_, t) => {
      const b = bank[Math.floor(rand() * 400)];
      return {
        ...target(b, t % 17 === 0),
        mouth: b.mouth.map((v) => v + (rand() - 0.5) * 0.03),
        pose: Float32Array.of(0, rand() * 0.05, 0),
      };
    });
    const indexed = selectBankFrames(targets, bank, { mouthScale: 0.05 });
    const brute = selectBankFrames(targets, bank, { mouthScale: 0.05, search: 'brute' });
    expect(Array.from(indexed)).toEqual(Array.from(brute));
  });

  it('handles empty input and refuses an empty bank', () => {
    expect(selectBankFrames([], makeBank(5, rng(5)))).toHaveLength(0);
    const silent = { mouth: Float32Array.of(0, 0), audio: new Float32Array(4), silent: true };
    expect(() => selectBankFrames([silent], [])).toThrow(/bank is empty/);
  });
});

describe('candidate index', () => {
  it('returns the same neighbours and costs as a brute-force scan, ties to the lower id', () => {
    const rand = rng(11);
    const dims = 7;
    // Quantised coordinates make many exact ties and duplicate points.
    const points = Float32Array.from({ length: 3000 * dims }, () => Math.round(rand() * 8) / 8);
    const index = new CandidateIndex(points, dims);
    for (let n = 0; n < 200; n++) {
      const q = Float32Array.from({ length: dims }, () => rand());
      const w = Float32Array.from({ length: dims }, (_, d) => (d === n % dims ? 0 : 0.1 + rand() * 5));
      const k = 1 + (n % 30);
      const a = index.nearest(q, w, k);
      const b = bruteForceNearest(points, dims, q, w, k);
      expect(Array.from(a.ids)).toEqual(Array.from(b.ids));
      expect(Array.from(a.costs)).toEqual(Array.from(b.costs));
    }
  });

  it('copes with fewer points than k and with an empty index', () => {
    const points = Float32Array.of(0, 0, 1, 1);
    expect(Array.from(new CandidateIndex(points, 2).nearest(Float32Array.of(1, 1), Float32Array.of(1, 1), 5).ids)).toEqual([1, 0]);
    expect(new CandidateIndex(new Float32Array(0), 2).nearest(Float32Array.of(0, 0), Float32Array.of(1, 1), 3).ids).toHaveLength(0);
  });
});

import { describe, expect, it } from 'vitest';
import { selectBankFrames, type BankFrame, type TargetFrame } from '../../../main/engine/lipsync/builtin/unit-selection';

/** A deterministic pseudo-random source, so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** A bank whose audio features follow the mouth's openness (open ↔ loud), as in real speech. */
function makeBank(n: number, rand: () => number): BankFrame[] {
  return Array.from({ length: n }, (_, i) => {
    const openness = Math.max(0, Math.sin(i / 3) * 0.08 + (rand() - 0.5) * 0.01);
    const audio = Float32Array.from({ length: 8 }, (_, d) => openness * 20 * (d % 2 ? 1 : -1) + (rand() - 0.5) * 0.2);
    return { audio, mouth: Float32Array.of(openness, openness * 0.5), openness, sourceIndex: i };
  });
}

describe('unit selection (built-in lip-sync)', () => {
  it('reproduces the source order when the target is the source audio itself', () => {
    const bank = makeBank(200, rng(1));
    const targets: TargetFrame[] = bank.map((b) => ({ audio: b.audio, silent: false }));
    const path = selectBankFrames(targets, bank);
    const same = path.filter((j, t) => j === t).length;
    expect(same / path.length).toBeGreaterThan(0.95);
  });

  it('chooses open mouths for loud frames and closed ones for silence', () => {
    const rand = rng(2);
    const bank = makeBank(300, rand);
    const loud = bank.reduce((a, b) => (b.openness > a.openness ? b : a)).audio;
    const targets: TargetFrame[] = Array.from({ length: 120 }, (_, t) =>
      Math.floor(t / 20) % 2 === 0 ? { audio: loud, silent: false } : { audio: new Float32Array(8), silent: true },
    );
    const path = selectBankFrames(targets, bank);
    const open = (t: number) => bank[path[t]].openness;
    const speech = targets.map((_, t) => t).filter((t) => !targets[t].silent);
    const silence = targets.map((_, t) => t).filter((t) => targets[t].silent);
    const mean = (ts: number[]) => ts.reduce((s, t) => s + open(t), 0) / ts.length;
    expect(mean(speech)).toBeGreaterThan(0.05);
    expect(mean(silence)).toBeLessThan(0.02);
  });

  it('prefers runs of consecutive source frames over jumps', () => {
    const bank = makeBank(300, rng(3));
    const rand = rng(4);
    const targets: TargetFrame[] = Array.from({ length: 100 }, (_, t) => ({
      audio: bank[(t * 7) % 300].audio.map((v) => v + (rand() - 0.5) * 0.5),
      silent: false,
    }));
    const jumps = (p: Int32Array) => p.filter((j, t) => t > 0 && j !== p[t - 1] + 1).length;
    const free = selectBankFrames(targets, bank, { visual: 0, jump: 0, hold: 0 });
    const smooth = selectBankFrames(targets, bank);
    // The targets stride by 7 through the bank: audio alone jumps almost every frame.
    expect(jumps(free)).toBeGreaterThan(90);
    expect(jumps(smooth)).toBeLessThan(jumps(free) * 0.8);
  });

  it('handles empty input and refuses an empty bank', () => {
    expect(selectBankFrames([], makeBank(5, rng(5)))).toHaveLength(0);
    expect(() => selectBankFrames([{ audio: new Float32Array(8), silent: true }], [])).toThrow(/bank is empty/);
  });
});

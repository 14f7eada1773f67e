/**
 * Unit-selection scaling (issue 12 item 4): selection time for synthetic banks of 1k, 10k and
 * 100k frames with as many output frames, through the candidate index and, up to 10k, through
 * the brute-force scan it replaces. Time per frame should grow like log n (n log n in all), not
 * like n. The synthetic bank has the shape of the real one: 4 mouth coordinates moving like
 * syllables, 4 audio coordinates that follow them, 3 slowly drifting pose values.
 * `npm run bench -- selection` (`--quick`: up to 10k).
 */
import { selectBankFrames, type BankFrame, type TargetFrame } from '../../main/engine/lipsync/builtin/unit-selection';
import { row, type BenchContext, type BenchRow } from './lib';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function syntheticBank(n: number, rand: () => number): BankFrame[] {
  let phase = 0;
  return Array.from({ length: n }, (_, i) => {
    phase += 0.6 + rand() * 0.8;
    const open = Math.max(0, Math.sin(phase)) * 0.08 + rand() * 0.004;
    const mouth = Float32Array.of(open, Math.cos(phase * 0.7) * 0.03, (rand() - 0.5) * 0.02, (rand() - 0.5) * 0.01);
    const audio = Float32Array.from({ length: 4 }, (_, d) => (d === 0 ? open * 30 : (rand() - 0.5) * 2));
    const pose = Float32Array.of(Math.sin(i / 500) * 0.1, Math.sin(i / 313) * 0.2, Math.cos(i / 411) * 0.05);
    return { mouth, audio, sourceIndex: i, pose };
  });
}

function targetsFor(bank: BankFrame[], rand: () => number): TargetFrame[] {
  return bank.map((b, i) => {
    const src = bank[(i * 7919) % bank.length];
    return { mouth: src.mouth.map((v) => v + (rand() - 0.5) * 0.01), audio: src.audio, silent: i % 50 < 5, pose: b.pose };
  });
}

function timeSelection(n: number, search: 'index' | 'brute'): number {
  const rand = rng(n);
  const bank = syntheticBank(n, rand);
  const targets = targetsFor(bank, rand);
  const started = performance.now();
  selectBankFrames(targets, bank, { mouthScale: 0.03, search });
  return (performance.now() - started) / 1000;
}

export default async function selectionBench(ctx: BenchContext): Promise<BenchRow[]> {
  const sizes = ctx.quick ? [1000, 10000] : [1000, 10000, 100000];
  const rows: BenchRow[] = [];
  const perFrame = new Map<number, number>();
  for (const n of sizes) {
    ctx.log(`index, ${n} frames`);
    const s = timeSelection(n, 'index');
    perFrame.set(n, s / n);
    rows.push(row(`index ${n / 1000}k frames: selection`, s, 's'));
    rows.push(row(`index ${n / 1000}k frames: per frame`, (s / n) * 1e6, 'µs'));
  }
  for (const n of sizes.filter((n) => n <= 10000)) {
    ctx.log(`brute force, ${n} frames`);
    const s = timeSelection(n, 'brute');
    rows.push(row(`brute ${n / 1000}k frames: per frame`, (s / n) * 1e6, 'µs'));
  }
  // n log n growth means per-frame time grows by log(n)/log(1000) at most; n² would grow by n/1000.
  const base = perFrame.get(1000)!;
  for (const n of sizes.slice(1)) {
    const ratio = perFrame.get(n)! / base;
    const logBound = Math.log(n) / Math.log(1000);
    rows.push(
      row(`per-frame time ${n / 1000}k / 1k`, ratio, '×', {
        text: `≤ ${(2 * logBound).toFixed(2)} (2× log n growth; n² would be ${n / 1000})`,
        ok: ratio <= 2 * logBound,
      }),
    );
  }
  return rows;
}

/**
 * `npm run bench [-- [--quick] [--only SPEC] [name…]]`: runs every test/bench/<name>.bench.ts
 * (or those named) and prints one table. Adding a benchmark = adding such a file; nothing to
 * register. `--only SPEC` is handed to the benchmarks to run a subset of their cases (each
 * says what SPEC means, e.g. lipsync-quality: `talk3:speech1`).
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchContext, BenchFn, BenchRow } from './lib';

const HERE = dirname(fileURLToPath(import.meta.url));

function discover(only: string[]): string[] {
  return readdirSync(HERE)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .filter((name) => only.length === 0 || only.includes(name))
    .sort();
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3);
}

function printTable(results: { bench: string; row: BenchRow }[]): void {
  const cells = results.map(({ bench, row }) => [
    bench,
    row.metric,
    `${fmt(row.value)} ${row.unit ?? ''}`.trim(),
    row.target ?? '',
    row.pass === undefined ? '' : row.pass ? 'ok' : 'MISS',
  ]);
  const head = ['bench', 'metric', 'value', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((s, i) => s.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

async function main(argv: string[]): Promise<number> {
  const quick = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? argv[onlyAt + 1] : argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (onlyAt >= 0 && !only) {
    console.error('bench: --only needs a value, e.g. --only talk3:speech1');
    return 2;
  }
  // Option values (`--only SPEC`, long's `--minutes N`) are not benchmark names.
  const valueAt = new Set([onlyAt, argv.indexOf('--minutes')].filter((i) => i >= 0).map((i) => i + 1));
  const names = discover(argv.filter((a, i) => !a.startsWith('--') && !valueAt.has(i)));
  if (names.length === 0) {
    console.error('bench: no benchmark matches');
    return 2;
  }
  const cacheDir = join(tmpdir(), 'redub-bench-cache');
  mkdirSync(cacheDir, { recursive: true });
  const results: { bench: string; row: BenchRow }[] = [];
  let failed = false;
  for (const name of names) {
    const ctx: BenchContext = { quick, only, cacheDir, log: (m) => console.error(`[${name}] ${m}`) };
    try {
      const mod = (await import(pathToFileURL(join(HERE, `${name}.bench.ts`)).href)) as { default: BenchFn };
      for (const row of await mod.default(ctx)) {
        // A malformed row (no metric or value) would break the table for every benchmark.
        if (typeof row?.metric !== 'string' || typeof row.value !== 'number') throw new Error(`bad row ${JSON.stringify(row)}`);
        results.push({ bench: name, row });
      }
    } catch (e) {
      failed = true;
      console.error(`[${name}] failed: ${(e as Error).message}`);
    }
  }
  console.log(quick ? '\n(quick run: shortened inputs)\n' : '');
  printTable(results);
  // Missed targets are reported, not fatal: timings on a shared machine are noisy.
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

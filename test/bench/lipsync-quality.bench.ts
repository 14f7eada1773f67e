/**
 * Lip-sync quality of the built-in engine on real speech (issue 10): talk3 and talk5 dubbed
 * with speech1/speech2 and other clips' audio tracks, the held-out truth cases and the espeak
 * dub with pauses, each measured by `evaluateLipSync` (definitions: main/engine/analysis/README.md).
 * Prints one table and writes it to test-results/bench/lipsync-quality[-SUBSET].json.
 * `npm run bench -- lipsync-quality [--only talk3:speech1,talk5:held-out]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configureEngine } from '../../main/engine/settings';
import { REPO_ROOT, removeDir, run, sharedDir, tmpDir } from '../helpers/media';
import type { BenchContext, BenchRow } from './lib';
import { benchCases } from './lipsync-quality/cases';
import { BenchInputs } from './lipsync-quality/inputs';
import { measureCase, type QualityRow } from './lipsync-quality/measure';
import { formatTable, summaryRows } from './lipsync-quality/table';

/** JSON has no Infinity or NaN. */
const jsonValue = (_: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? null : 'inf') : v);

function writeJson(only: string | undefined, rows: QualityRow[], summary: BenchRow[], commit: string): string {
  const dir = join(REPO_ROOT, 'test-results', 'bench');
  mkdirSync(dir, { recursive: true });
  const suffix = only ? `-${only.replace(/[^a-z0-9]+/gi, '_')}` : '';
  const path = join(dir, `lipsync-quality${suffix}.json`);
  writeFileSync(path, `${JSON.stringify({ commit, date: new Date().toISOString(), only: only ?? null, rows, summary }, jsonValue, 2)}\n`);
  return path;
}

export default async function lipsyncQualityBench(ctx: BenchContext): Promise<BenchRow[]> {
  const cases = benchCases(ctx.only);
  if (!cases.length)
    throw new Error(
      `--only ${ctx.only} matches no case (clips talk3, talk5; dubs speech1 speech2 talk1 talk4 talk3 talk5 held-out espeak own)`,
    );
  // One face cache per run: each video is analysed once, sources and their mouth banks shared by every dub of them.
  const work = tmpDir('redub-lipsync-quality-');
  try {
    configureEngine({ modelsDir: join(sharedDir(), 'models'), cacheDir: join(work, 'cache') });
    const inputs = new BenchInputs(ctx.cacheDir);
    const rows: QualityRow[] = [];
    for (const c of cases) {
      const started = performance.now();
      rows.push(...(await measureCase(c, inputs, work)));
      ctx.log(`${c.clip} + ${c.dub}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const summary = summaryRows(rows);
    const commit = (await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT })).stdout.toString().trim();
    console.log(`\nlip-sync quality, built-in engine at ${commit}\n${formatTable(rows)}`);
    ctx.log(`wrote ${writeJson(ctx.only, rows, summary, commit)}`);
    return summary;
  } finally {
    removeDir(work);
  }
}

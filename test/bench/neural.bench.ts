/**
 * Neural adapters on CPU with fixture models (the real weights cannot be downloaded here):
 * per-stage throughput and the time each adapter spends outside the model (cutting, tensor
 * packing, pasting) on talk3 (590², 25 fps), dubbed at batch 16. The fixtures cost almost
 * nothing, so a stand-in with a 3×3 conv tower (tens of ms per frame on CPU, as a real model)
 * gives the share of the whole dub's wall time spent outside inference. A `none` dub (no
 * stages) shows what decoding, encoding and muxing cost by themselves. Setup (sessions,
 * OpenCV, JIT) is warmed up on a short clip first.
 * `npm run bench -- neural` (--quick: 2 s of video instead of 5).
 */
import { cpus } from 'node:os';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDub } from '../../main/engine/dub/dub';
import { analyzeVideo } from '../../main/engine/face';
import { neuralTimings, type StageTiming } from '../../main/engine/lipsync/neural';
import { findModel } from '../../main/engine/models/manifest';
import { configureEngine } from '../../main/engine/settings';
import '../../main/engine/stages';
import { ffmpeg, removeDir, sharedDir, sharedMedia, tmpDir } from '../helpers/media';
import { cpuSeconds, row, type BenchContext, type BenchRow } from './lib';
import { edtalkBench, enhancerBench, wav2lipBench } from './neural-fixtures';

const BATCH = 16;
const SHARE_TARGET = 20;
/** Conv tower of the heavy stand-in: about 0.9 GFLOP per frame (the real models' cost cannot be measured here). */
const TOWER = { layers: 6, width: 32 };

function modelsDir(dir: string, heavy: boolean): string {
  mkdirSync(dir);
  const face = join(sharedDir(), 'models');
  for (const f of readdirSync(face)) if (!f.endsWith('.md')) symlinkSync(join(face, f), join(dir, f));
  const put = (name: string, bytes: Uint8Array) => writeFileSync(join(dir, findModel(name).file), bytes);
  put('wav2lip_96', wav2lipBench('wav2lip_96', heavy ? TOWER : undefined));
  put('edtalk_256', edtalkBench());
  put('gfpgan_1.4', enhancerBench('gfpgan_1.4'));
  return dir;
}

async function clip(ctx: BenchContext, seconds = ctx.quick ? 2 : 5): Promise<string> {
  const path = join(ctx.cacheDir, `talk3-${seconds}s.mp4`);
  if (!existsSync(path))
    await ffmpeg(['-i', sharedMedia('talk3.mp4'), '-t', String(seconds), '-c:v', 'libx264', '-crf', '12', '-c:a', 'aac', path]);
  return path;
}

/** CPU seconds (node + its reaped ffmpeg children), from the bench lib; NaN off Linux. */
function cpuTotal(): number {
  const c = cpuSeconds();
  return c ? c.self + c.children : NaN;
}

interface Run {
  /** CPU seconds (node + ffmpeg) per wall second: about the core count when CPU-bound. */
  coresBusy: number;
  wallMs: number;
  frames: number;
  stages: Record<string, StageTiming>;
}

async function dub(video: string, out: string, engine: string, enhance?: string): Promise<Run> {
  neuralTimings.reset();
  const [t, cpu] = [performance.now(), cpuTotal()];
  const s = await runDub({ video, audio: sharedMedia('speech1.wav'), out, lipsync: { engine, enhance }, batchSize: BATCH });
  const wallMs = performance.now() - t;
  return { wallMs, coresBusy: (1000 * (cpuTotal() - cpu)) / wallMs, frames: s.frames, stages: neuralTimings.snapshot() };
}

function stageRows(label: string, r: Run): BenchRow[] {
  return Object.entries(r.stages).flatMap(([name, t]) => [
    row(`${label}: ${name} throughput`, (1000 * t.frames) / t.stageMs, 'fps'),
    row(`${label}: ${name} outside inference`, (t.stageMs - t.inferenceMs) / t.frames, 'ms/frame'),
    row(`${label}: ${name} inference`, t.inferenceMs / t.frames, 'ms/frame'),
  ]);
}

/** Share of the dub's wall time not spent in session.run. */
function outsideShare(r: Run): number {
  const inference = Object.values(r.stages).reduce((s, t) => s + t.inferenceMs, 0);
  return (100 * (r.wallMs - inference)) / r.wallMs;
}

export default async function neuralBench(ctx: BenchContext): Promise<BenchRow[]> {
  const dir = tmpDir('redub-neural-bench-');
  try {
    const cacheDir = join(dir, 'cache');
    const [light, heavy] = [modelsDir(join(dir, 'light'), false), modelsDir(join(dir, 'heavy'), true)];
    configureEngine({ modelsDir: light, cacheDir });
    const video = await clip(ctx);
    ctx.log('face analysis (cached for the runs below) and warm-up');
    await analyzeVideo(video);
    const warm = await clip(ctx, 0.4);
    for (const [engine, enhance] of [
      ['wav2lip_96', 'gfpgan_1.4'],
      ['edtalk_256', undefined],
    ])
      await dub(warm, join(dir, `warm-${engine}.mp4`), engine!, enhance);
    const base = await dub(video, join(dir, 'none.mp4'), 'none');
    const rows: BenchRow[] = [row('no stages (decode + encode + mux)', (1000 * base.frames) / base.wallMs, 'fps')];
    const runs: [string, string, string | undefined][] = [
      ['wav2lip_96', 'wav2lip_96', undefined],
      ['edtalk_256', 'edtalk_256', undefined],
      ['gfpgan_1.4', 'none', 'gfpgan_1.4'],
    ];
    for (const [label, engine, enhance] of runs) {
      ctx.log(`dub with ${label} (fixture)`);
      const r = await dub(video, join(dir, `${label}.mp4`), engine, enhance);
      rows.push(...stageRows(label, r), row(`${label}: whole dub`, (1000 * r.frames) / r.wallMs, 'fps'));
    }
    configureEngine({ modelsDir: heavy });
    ctx.log('dub with the heavy stand-in');
    await dub(warm, join(dir, 'warm-heavy.mp4'), 'wav2lip_96');
    const r = await dub(video, join(dir, 'heavy.mp4'), 'wav2lip_96');
    const share = outsideShare(r);
    rows.push(...stageRows('heavy stand-in', r), row('heavy stand-in: whole dub', (1000 * r.frames) / r.wallMs, 'fps'));
    // Near the core count, the run is CPU-bound: overlapping decode/encode with inference cannot help here.
    rows.push(row(`heavy stand-in: CPU cores busy (of ${cpus().length})`, r.coresBusy, 'cores'));
    rows.push(
      row(`share of dub wall time outside inference (batch ${BATCH})`, share, '%', {
        text: `≤ ${SHARE_TARGET}`,
        ok: share <= SHARE_TARGET,
      }),
    );
    // Everything but inference stays (about) the same with a real model: the cost per frame a
    // model needs for the share to reach the target on this machine.
    const outsidePerFrame = (r.wallMs * share) / 100 / r.frames;
    rows.push(
      row(`inference per frame for a share ≤ ${SHARE_TARGET} %`, (outsidePerFrame * (100 - SHARE_TARGET)) / SHARE_TARGET, 'ms/frame'),
    );
    return rows;
  } finally {
    removeDir(dir);
  }
}

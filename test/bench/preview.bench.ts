/**
 * Editor preview latency: renderPreviewFrame (decode one frame at `time`, built-in lip-sync
 * mouth, emotion warp) at arbitrary times of talk3 with a Spanish espeak-ng dub, once the
 * face track, plan and mouth bank exist (the editor builds them when the project opens).
 * Cold = a time whose frame was not decoded before (one ffmpeg start on the scrub proxy, a
 * keyframe every 4 frames); cached = a frame seen
 * before (an edit re-renders the frame on screen). `npm run bench -- preview`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FaceTrack } from '../../main/engine/face/types';
import { MouthBank } from '../../main/engine/lipsync/builtin/mouth-bank';
import { PreviewCache } from '../../main/engine/preview/preview-cache';
import { renderPreviewFrame, type PreviewSegment } from '../../main/engine/preview/preview-frame';
import { configureEngine } from '../../main/engine/settings';
import { removeDir, sharedDir, sharedMedia, tmpDir } from '../helpers/media';
import { row, type BenchContext, type BenchRow } from './lib';

const TARGET_MS = 150;

function spanishDub(ctx: BenchContext): string {
  const path = join(ctx.cacheDir, 'preview-es.wav');
  if (!existsSync(path))
    execFileSync('espeak-ng', ['-v', 'es', '-s', '150', '-w', path, 'Hola a todos. Hoy hablamos de banderas y de países.']);
  return path;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const p90 = (v: number[]) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(v.length * 0.9))];

/**
 * Bank reads the plan did not announce (a paused or scrubbing editor), one per chunk in a
 * scattered order, on a fresh bank each way: every read starting an ffmpeg of its own (before)
 * against the warm decoder (bank-decoder.ts). Median ms of each.
 */
async function randomBankReads(videoPath: string, track: FaceTrack, count: number): Promise<{ before: number; after: number }> {
  const measure = async (warmDecoder: boolean) => {
    const bank = await MouthBank.load(videoPath, track, { warmDecoder });
    const frames = [...Array(track.frames.length).keys()].filter((i) => bank.has(i) && i % 8 === 3);
    const picks = Array.from({ length: Math.min(count, frames.length) }, (_, k) => frames[(k * 7) % frames.length]);
    const ms: number[] = [];
    for (const i of picks) {
      const s = performance.now();
      await bank.read(i);
      ms.push(performance.now() - s);
    }
    await bank.close();
    return median(ms);
  };
  const before = await measure(false);
  return { before, after: await measure(true) };
}

export default async function previewBench(ctx: BenchContext): Promise<BenchRow[]> {
  const cacheDir = tmpDir('redub-preview-bench-');
  const cache = new PreviewCache();
  try {
    configureEngine({ modelsDir: join(sharedDir(), 'models'), cacheDir });
    const videoPath = sharedMedia('talk3.mp4');
    const dub = { path: spanishDub(ctx), offset: 0 };
    const segments: PreviewSegment[] = [
      { start: 0, end: 2.5, emotionTemplate: 'neutral', intensity: 1, lipsyncEnabled: true },
      { start: 2.5, end: 5, emotionTemplate: 'smile', intensity: 0.8, lipsyncEnabled: true },
    ];
    ctx.log('analysing, planning, building the mouth bank');
    const t0 = performance.now();
    await cache.lipsync(videoPath, dub.path, dub.offset);
    const proxied = await cache.proxy(videoPath);
    const prepareMs = performance.now() - t0;
    // Frames far apart (no decode-ahead overlap), in a scrambled order: arbitrary scrub targets.
    const count = ctx.quick ? 6 : 14;
    const times = Array.from({ length: count }, (_, i) => ((i * 5) % count) * (4.8 / count) + 0.05);
    const cold: number[] = [];
    const cached: number[] = [];
    let lipsynced = 0;
    for (const time of times) {
      const s = performance.now();
      const img = await renderPreviewFrame({ videoPath, time, dub, segments }, cache);
      cold.push(performance.now() - s);
      if (img.lipsynced) lipsynced++;
    }
    for (const time of times) {
      const s = performance.now();
      await renderPreviewFrame({ videoPath, time, dub, segments }, cache);
      cached.push(performance.now() - s);
    }
    ctx.log(`cold ms: ${cold.map((v) => v.toFixed(0)).join(' ')}`);
    const reads = await randomBankReads(videoPath, (await cache.video(videoPath)).track, count);
    return [
      row('first-preview preparation (analysis + plan + bank + scrub proxy)', prepareMs / 1000, 's'),
      row('decoding from a scrub proxy', proxied ? 1 : 0, 'yes=1'),
      row('preview frame, arbitrary time (median)', median(cold), 'ms', { text: `≤ ${TARGET_MS}`, ok: median(cold) <= TARGET_MS }),
      row('preview frame, arbitrary time (p90)', p90(cold), 'ms'),
      row('preview frame, decoded before (median)', median(cached), 'ms', { text: `≤ ${TARGET_MS}`, ok: median(cached) <= TARGET_MS }),
      row('frames with a pasted dub mouth', (100 * lipsynced) / times.length, '%'),
      row('unannounced bank read, own ffmpeg per read (before, median)', reads.before, 'ms'),
      row('unannounced bank read, warm decoder (median)', reads.after, 'ms'),
      row('unannounced bank read, before / warm decoder', reads.before / reads.after, '×'),
    ];
  } finally {
    await cache.close();
    removeDir(cacheDir);
  }
}

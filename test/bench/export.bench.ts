/**
 * Chunked, resumable export against one single-pass render of the same input and settings:
 * throughput and the cost of chunking + stream-copy concatenation (target ≤ 5 %).
 * `npm run bench -- export` (talk2 looped to 60 s; 15 s with --quick).
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { runDub } from '../../main/engine/dub/dub';
import { exportLanguage } from '../../main/engine/export/export-language';
import { ffmpeg, makeSpeech, removeDir, sharedMedia, tmpDir } from '../helpers/media';
import { cpuSeconds, row, type BenchContext, type BenchRow } from './lib';

async function loopedClip(ctx: BenchContext, seconds: number): Promise<string> {
  const path = join(ctx.cacheDir, `talk2-export-${seconds}s.mp4`);
  if (existsSync(path)) return path;
  const tmp = path.replace(/\.mp4$/, '.tmp.mp4');
  await ffmpeg(['-stream_loop', '-1', '-i', sharedMedia('talk2.mp4'), '-t', String(seconds), '-c', 'copy', tmp]);
  renameSync(tmp, path);
  return path;
}

/** Wall and CPU seconds (this process and its ffmpeg children) of one async job. */
async function measure(job: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const c0 = cpuSeconds();
  const t0 = performance.now();
  await job();
  const c1 = cpuSeconds();
  const cpu = c0 && c1 ? c1.self + c1.children - c0.self - c0.children : NaN;
  return { wall: (performance.now() - t0) / 1000, cpu };
}

export default async function exportBench(ctx: BenchContext): Promise<BenchRow[]> {
  const dir = tmpDir('redub-export-bench-');
  try {
    const seconds = ctx.quick ? 15 : 60;
    const video = await loopedClip(ctx, seconds);
    const dub = await makeSpeech(
      'es',
      'Hola a todos, esta es una prueba larga del doblaje en español para medir la exportación.',
      join(dir, 'es.wav'),
    );
    ctx.log('single pass');
    const single = await measure(() => runDub({ video, audio: dub, out: join(dir, 'single.mp4') }));
    ctx.log('chunked (10 s chunks)');
    const chunked = await measure(() =>
      exportLanguage({
        video,
        out: join(dir, 'chunked.mp4'),
        clips: [{ file: dub, start: 0 }],
        workDir: join(dir, 'work'),
        baseKey: 'bench',
        chunkSeconds: 10,
      }),
    );
    const frames = seconds * 25;
    return [
      row('single-pass render, wall', single.wall, 's'),
      row('chunked export, wall', chunked.wall, 's'),
      row('chunked export throughput', frames / chunked.wall, 'fps'),
      row('chunking overhead, wall', 100 * (chunked.wall / single.wall - 1), '%', { text: '≤ 5', ok: chunked.wall / single.wall <= 1.05 }),
      row('chunking overhead, CPU', 100 * (chunked.cpu / single.cpu - 1), '%', { text: '≤ 5', ok: chunked.cpu / single.cpu <= 1.05 }),
    ];
  } finally {
    removeDir(dir);
  }
}

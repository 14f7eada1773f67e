/**
 * Built-in lip-sync export speed at 720p (talk1 scaled to 1280×720, 25 fps) with a Spanish
 * espeak-ng dub: first run (face analysis + mouth bank + render) and a run with both cached,
 * as fps and as a multiple of real time. `npm run bench -- builtin`.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { runDub } from '../../main/engine/dub/dub';
import { configureEngine } from '../../main/engine/settings';
import { makeDubWithPauses } from '../engine/lipsync/dub-with-pauses';
import { ffmpeg, removeDir, sharedDir, sharedMedia, tmpDir } from '../helpers/media';
import { row, type BenchContext, type BenchRow } from './lib';

const FPS = 25;

async function input720p(ctx: BenchContext): Promise<string> {
  const path = join(ctx.cacheDir, 'talk1-720p-builtin.mp4');
  if (existsSync(path)) return path;
  ctx.log('making the 720p input');
  const tmp = path.replace(/\.mp4$/, '.tmp.mp4');
  await ffmpeg([
    '-i',
    sharedMedia('talk1.mp4'),
    '-vf',
    `scale=1280:720,fps=${FPS}`,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '18',
    '-an',
    tmp,
  ]);
  renameSync(tmp, path);
  return path;
}

export default async function builtinBench(ctx: BenchContext): Promise<BenchRow[]> {
  const dir = tmpDir('redub-builtin-bench-');
  try {
    configureEngine({ modelsDir: join(sharedDir(), 'models'), cacheDir: join(dir, 'cache') });
    const video = await input720p(ctx);
    const dub = await makeDubWithPauses(dir);
    const run = (name: string, preset = 'medium') =>
      runDub({
        video,
        audio: dub,
        out: join(dir, `${name}.mp4`),
        lipsync: { engine: 'builtin' },
        encode: { codec: 'h264', crf: 16, preset },
      });
    ctx.log('first run (analysis + mouth bank + render)');
    const first = await run('first');
    ctx.log('cached run (render only)');
    const cached = await run('cached');
    const fast = await run('fast', 'veryfast');
    ctx.log('plain ffmpeg transcode with the same encoder, for scale');
    const t0 = performance.now();
    await ffmpeg([
      '-i',
      video,
      '-i',
      dub,
      '-map',
      '0:v',
      '-map',
      '1:a',
      '-c:v',
      'libx264',
      '-crf',
      '16',
      '-preset',
      'medium',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
      join(dir, 'plain.mp4'),
    ]);
    const plainSeconds = (performance.now() - t0) / 1000;
    const realtime = (s: { frames: number; seconds: number }) => s.frames / s.seconds / FPS;
    return [
      row('builtin 720p export, first run', first.frames / first.seconds, 'fps'),
      row('builtin 720p export, first run vs real time', realtime(first), '×'),
      row('builtin 720p export, cached analysis + bank', cached.frames / cached.seconds, 'fps'),
      row('builtin 720p export vs real time (cached)', realtime(cached), '×', { text: '≥ 1', ok: realtime(cached) >= 1 }),
      row('plain ffmpeg transcode, same encoder (x264 medium)', cached.frames / plainSeconds, 'fps'),
      row('builtin export time / plain transcode time', cached.seconds / plainSeconds, '×'),
      row('builtin 720p export, x264 veryfast, vs real time', realtime(fast), '×', { text: '≥ 1', ok: realtime(fast) >= 1 }),
    ];
  } finally {
    removeDir(dir);
  }
}

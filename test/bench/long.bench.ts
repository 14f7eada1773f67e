/**
 * Hour-long videos (issue 12): a 1280×720 video (talk2 looped, scaled to 720 and padded) with a
 * real-speech dub of the same length (speech1 + speech2 looped), dubbed by the real CLI with the
 * built-in lip-sync and a fresh cache, against a plain ffmpeg transcode with the same encoder
 * (libx264 crf 16 medium) in the same run. `npm run bench -- long [--minutes N]` (or
 * BENCH_LONG_MINUTES; default 2, --quick 0.5). Ratios are reported, never pass/fail.
 */
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeVideo } from '../../main/engine/face/analyze';
import { planBuiltinLipsync } from '../../main/engine/lipsync/builtin/plan';
import { configureEngine } from '../../main/engine/settings';
import { CLI_BIN } from '../helpers/cli';
import { ffmpeg, removeDir, sharedDir, sharedMedia, tmpDir } from '../helpers/media';
import { checkOk, measureProcess, row, type BenchContext, type BenchRow } from './lib';

const FPS = 25;
const ENCODE = ['-c:v', 'libx264', '-crf', '16', '-preset', 'medium', '-pix_fmt', 'yuv420p'];

function minutes(ctx: BenchContext): number {
  const at = process.argv.indexOf('--minutes');
  const arg = at >= 0 ? process.argv[at + 1] : process.argv.find((a) => a.startsWith('--minutes='))?.slice(10);
  const m = Number(arg ?? process.env.BENCH_LONG_MINUTES ?? (ctx.quick ? 0.5 : 2));
  if (!(m > 0)) throw new Error(`long.bench.ts: --minutes must be a positive number (got ${arg})`);
  return m;
}

async function inputs(ctx: BenchContext, seconds: number): Promise<{ video: string; dub: string }> {
  const video = join(ctx.cacheDir, `talk2-720p-${seconds}s.mp4`);
  const dub = join(ctx.cacheDir, `speech-${seconds}s.wav`);
  if (!existsSync(video)) {
    ctx.log(`making the ${seconds} s 720p input`);
    const vf = `scale=-2:720,pad=1280:720:(ow-iw)/2:0,fps=${FPS}`;
    const tmp = `${video}.tmp.mp4`;
    await ffmpeg([
      '-stream_loop',
      '-1',
      '-i',
      sharedMedia('talk2.mp4'),
      '-t',
      String(seconds),
      '-vf',
      vf,
      '-an',
      // The input's own encode is not measured: quick, high quality.
      ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '14', '-pix_fmt', 'yuv420p'],
      tmp,
    ]);
    renameSync(tmp, video);
  }
  if (!existsSync(dub)) {
    const both = join(ctx.cacheDir, 'speech1+2.wav');
    if (!existsSync(both)) {
      const f =
        '[0:a]aresample=16000,aformat=channel_layouts=mono[a];[1:a]aresample=16000,aformat=channel_layouts=mono[b];[a][b]concat=n=2:v=0:a=1';
      await ffmpeg(['-i', sharedMedia('speech1.wav'), '-i', sharedMedia('speech2.wav'), '-filter_complex', f, both]);
    }
    await ffmpeg(['-stream_loop', '-1', '-i', both, '-t', String(seconds), `${dub}.tmp.wav`]);
    renameSync(`${dub}.tmp.wav`, dub);
  }
  return { video, dub };
}

function dirBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (s, e) => s + (e.isDirectory() ? dirBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size),
    0,
  );
}

export default async function longBench(ctx: BenchContext): Promise<BenchRow[]> {
  const seconds = Math.round(minutes(ctx) * 60);
  const frames = seconds * FPS;
  const dir = tmpDir('redub-long-bench-');
  try {
    const { video, dub } = await inputs(ctx, seconds);
    const cacheDir = join(dir, 'cache');
    const modelsDir = join(sharedDir(), 'models');
    // The CLI child inherits these: a fresh cache, the shared models.
    Object.assign(process.env, { REDUB_CACHE_DIR: cacheDir, REDUB_MODELS_DIR: modelsDir });
    ctx.log(`builtin export of ${seconds} s (fresh cache: analysis + bank + plan + render)`);
    const args = [
      'dub',
      '--video',
      video,
      '--audio',
      dub,
      '--out',
      join(dir, 'dub.mp4'),
      '--lipsync',
      'builtin',
      '--crf',
      '16',
      '--preset',
      'medium',
    ];
    const exp = checkOk('redub dub', await measureProcess(process.execPath, [CLI_BIN, ...args]));
    ctx.log('plain transcode, same encoder');
    const plainArgs = [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-i',
      video,
      '-i',
      dub,
      '-map',
      '0:v',
      '-map',
      '1:a',
      ...ENCODE,
      '-c:a',
      'aac',
      '-shortest',
    ];
    const plain = checkOk('ffmpeg', await measureProcess('ffmpeg', [...plainArgs, join(dir, 'plain.mp4')]));
    const cacheKB = dirBytes(join(cacheDir, 'mouth-banks')) / 1024 / frames;
    const trackKB = dirBytes(join(cacheDir, 'face-tracks')) / 1024 / frames;
    // Planning: the same plan the export made, timed alone (the face track is cached by now).
    configureEngine({ modelsDir, cacheDir });
    const track = await analyzeVideo(video);
    const t0 = performance.now();
    await planBuiltinLipsync({ videoPath: video, track, dubPath: dub, dubOffset: 0, outputFrames: frames });
    const planSeconds = (performance.now() - t0) / 1000;
    const ratio = exp.wallSeconds / plain.wallSeconds;
    const rss = exp.selfPeakMiB ?? exp.maxRssMiB ?? 0;
    return [
      row(`${seconds} s 720p: builtin export wall`, exp.wallSeconds, 's'),
      row(`${seconds} s 720p: builtin export vs real time`, seconds / exp.wallSeconds, '×'),
      row(`${seconds} s 720p: builtin export / plain transcode (x264 crf 16 medium)`, ratio, '×', { text: '≤ 2.0', ok: ratio <= 2 }),
      row(`${seconds} s 720p: cache, mouth bank + face track per frame`, cacheKB + trackKB, 'KB', {
        text: '≤ 25',
        ok: cacheKB + trackKB <= 25,
      }),
      row(`${seconds} s 720p: of which face track`, trackKB, 'KB'),
      row(`${seconds} s 720p: peak RSS (redub process)`, rss, 'MiB', { text: '≤ 600', ok: rss <= 600 }),
      row(`${seconds} s 720p: peak RSS, process tree (ffmpeg included)`, exp.treePeakMiB ?? 0, 'MiB'),
      row(`${seconds} s 720p: planning share of export wall`, (100 * planSeconds) / exp.wallSeconds, '%', {
        text: '≤ 5',
        ok: planSeconds / exp.wallSeconds <= 0.05,
      }),
    ];
  } finally {
    removeDir(dir);
  }
}

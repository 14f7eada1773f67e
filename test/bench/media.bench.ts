/**
 * Media engine overhead: `redub dub --lipsync none` against a plain ffmpeg transcode with the
 * same encoder settings (wall and CPU time, same run), and whether redub's memory stays flat
 * as the clip gets 4× longer (it streams frames; it must not hold the video).
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cliCommand } from '../helpers/cli';
import { ffmpeg, REPO_ROOT, sharedMedia, tmpDir } from '../helpers/media';
import { checkOk, measureProcess, row, type BenchContext, type BenchRow, type ProcessStats } from './lib';

const CLIP_SECONDS = 5; // talk2.mp4: 125 frames at 25 fps

/** Makes a cached input once: written to a temp name and renamed, so a killed run leaves no half file. */
async function cached(path: string, make: (tmp: string) => Promise<unknown>): Promise<string> {
  if (existsSync(path)) return path;
  const tmp = path.replace(/(\.\w+)$/, '.tmp$1');
  await make(tmp);
  renameSync(tmp, path);
  return path;
}

async function inputs(ctx: BenchContext, seconds: number): Promise<{ video: string; dub: string }> {
  ctx.log(`preparing ${seconds} s inputs`);
  const loops = Math.round(seconds / CLIP_SECONDS) - 1;
  const video = await cached(join(ctx.cacheDir, `talk2-${seconds}s.mp4`), (tmp) =>
    ffmpeg(['-stream_loop', String(loops), '-i', sharedMedia('talk2.mp4'), '-c', 'copy', tmp]),
  );
  const dub = await cached(join(ctx.cacheDir, `dub-${seconds}s.wav`), (tmp) =>
    ffmpeg(['-stream_loop', '-1', '-i', sharedMedia('speech1.wav'), '-t', String(seconds), '-ar', '48000', tmp]),
  );
  return { video, dub };
}

async function redub(ctx: BenchContext, input: { video: string; dub: string }, out: string): Promise<ProcessStats> {
  ctx.log(`redub dub ${input.video}`);
  const [bin, args] = cliCommand(['dub', '--video', input.video, '--audio', input.dub, '--out', out, '--lipsync', 'none']);
  const s = checkOk('redub dub', await measureProcess(bin, args, { cwd: REPO_ROOT }));
  rmSync(out, { force: true });
  return s;
}

/** The same job with nothing but ffmpeg: h264 crf 16 medium, yuv420p, aac 192k, faststart. */
async function plainFfmpeg(ctx: BenchContext, input: { video: string; dub: string }, out: string): Promise<ProcessStats> {
  ctx.log(`plain ffmpeg ${input.video}`);
  const args = [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-y',
    '-i',
    input.video,
    '-i',
    input.dub,
    '-map',
    '0:v:0',
    '-map',
    '1:a:0',
  ];
  args.push('-c:v', 'libx264', '-crf', '16', '-preset', 'medium', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '192k');
  args.push('-movflags', '+faststart', '-shortest', out);
  const s = checkOk('ffmpeg', await measureProcess('ffmpeg', args));
  rmSync(out, { force: true });
  return s;
}

/** Best of `repeat` runs, alternating the two commands so load changes hit both alike. */
async function timePair(ctx: BenchContext, input: { video: string; dub: string }, dir: string, repeat: number) {
  let best: { redub?: ProcessStats; plain?: ProcessStats } = {};
  for (let i = 0; i < repeat; i++) {
    const p = await plainFfmpeg(ctx, input, join(dir, 'plain.mp4'));
    const r = await redub(ctx, input, join(dir, 'redub.mp4'));
    if (!best.plain || p.wallSeconds < best.plain.wallSeconds) best.plain = p;
    if (!best.redub || r.wallSeconds < best.redub.wallSeconds) best = { ...best, redub: r };
  }
  return best as { redub: ProcessStats; plain: ProcessStats };
}

function memoryRows(short: ProcessStats, long: ProcessStats, s: number, l: number): BenchRow[] {
  const rows: BenchRow[] = [];
  const pairs: [string, keyof ProcessStats, boolean][] = [
    ['redub process peak RSS (VmHWM)', 'selfPeakMiB', true],
    ['largest process peak RSS (time -v)', 'maxRssMiB', false],
    ['process tree peak RSS (sampled)', 'treePeakMiB', false],
  ];
  for (const [name, key, targeted] of pairs) {
    const a = short[key] as number | undefined;
    const b = long[key] as number | undefined;
    if (a === undefined || b === undefined) continue;
    const ratio = b / a;
    rows.push(row(`${name}, ${s} s clip`, a, 'MiB'), row(`${name}, ${l} s clip`, b, 'MiB'));
    rows.push(row(`${name} ratio ${l}/${s} s`, ratio, '×', targeted ? { text: '1 ± 0.10', ok: Math.abs(ratio - 1) <= 0.1 } : undefined));
  }
  return rows;
}

export default async function mediaBench(ctx: BenchContext): Promise<BenchRow[]> {
  const [short, long] = ctx.quick ? [15, 60] : [60, 240];
  const repeat = Number(process.env.BENCH_REPEAT ?? 1);
  const dir = tmpDir('redub-bench-');
  try {
    const t = await timePair(ctx, await inputs(ctx, short), dir, repeat);
    const longRun = await redub(ctx, await inputs(ctx, long), join(dir, 'long.mp4'));
    const wallRatio = t.redub.wallSeconds / t.plain.wallSeconds;
    const rows = [
      row(`redub dub --lipsync none, ${short} s 844² clip, wall`, t.redub.wallSeconds, 's'),
      row(`plain ffmpeg transcode, same settings, wall`, t.plain.wallSeconds, 's'),
      row('wall ratio redub / ffmpeg', wallRatio, '×', { text: '≤ 1.15', ok: wallRatio <= 1.15 }),
    ];
    if (t.redub.cpuSeconds !== undefined && t.plain.cpuSeconds !== undefined) {
      // CPU time is steadier than wall time when other jobs share the machine.
      rows.push(row('redub CPU (user+sys, incl. ffmpeg children)', t.redub.cpuSeconds, 's'));
      rows.push(row('plain ffmpeg CPU (user+sys)', t.plain.cpuSeconds, 's'));
      rows.push(row('CPU ratio redub / ffmpeg', t.redub.cpuSeconds / t.plain.cpuSeconds, '×'));
    }
    return [...rows, ...memoryRows(t.redub, longRun, short, long)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

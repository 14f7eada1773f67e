/**
 * The render farm against a local export of the same project (issue 14): one worker, two
 * workers, all on this machine, over a real redis-server. Wall and CPU seconds of the whole
 * farm (exporter + workers' renders + redis-server), the farm's overhead against the local
 * export (target ≤ 10 %) and two workers against one.
 * `npm run bench -- farm` (talk1 at 320 px looped to 16 s, builtin lip-sync; 8 s with --quick).
 * Workers are started (engine loaded, announced) before the clock starts: a farm's workers are up
 * already. Two interleaved rounds (one with --quick); the best wall and CPU of each is reported.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_BIN } from '../helpers/cli';
import { ffmpeg, removeDir, sharedDir, sharedMedia, tmpDir } from '../helpers/media';
import { RedisServer } from '../helpers/redis-server';
import { checkOk, measureProcess, row, type BenchContext, type BenchRow } from './lib';

const CHUNK_SECONDS = '2';

async function clip(ctx: BenchContext, seconds: number): Promise<string> {
  const path = join(ctx.cacheDir, `talk1-farm-320-${seconds}s.mp4`);
  if (existsSync(path)) return path;
  const tmp = path.replace(/\.mp4$/, '.tmp.mp4');
  const small = join(ctx.cacheDir, 'talk1-farm-320.mp4');
  if (!existsSync(small))
    await ffmpeg(['-i', sharedMedia('talk1.mp4'), '-vf', 'scale=320:-2', '-c:v', 'libx264', '-preset', 'veryfast', '-c:a', 'aac', small]);
  await ffmpeg(['-stream_loop', '-1', '-i', small, '-t', String(seconds), '-c:v', 'libx264', '-preset', 'veryfast', '-c:a', 'aac', tmp]);
  renameSync(tmp, path);
  return path;
}

/** User + system CPU seconds of a live process, its threads and the children it has reaped (ffmpeg). */
function processCpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return [11, 12, 13, 14].reduce((s, i) => s + Number(fields[i]), 0) / 100;
}

async function project(dir: string, video: string, name: string): Promise<string> {
  const path = join(dir, name, 'P.redub');
  mkdirSync(join(dir, name, 'out'), { recursive: true });
  const args = [CLI_BIN, 'project', 'create', '--video', video, '--dub', `es=${sharedMedia('speech1.wav')}`, '--out', path];
  checkOk('project create', await measureProcess(process.execPath, args));
  return path;
}

function startWorker(url: string, name: string, allow: string[]): Promise<ChildProcess> {
  const args = [CLI_BIN, 'worker', '--farm', url, '--name', name, ...allow.flatMap((d) => ['--allow', d]), '--allow', sharedDir()];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes('concurrency 1')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`worker ${name} exited (${code}): ${log}`)));
  });
}

interface Run {
  wall: number;
  cpu: number;
}

async function exportRun(path: string, extra: string[]): Promise<Run> {
  const args = [CLI_BIN, 'export', path, '--out', join(path, '..', 'out'), '--chunk-seconds', CHUNK_SECONDS, ...extra];
  const s = checkOk(`export ${extra.join(' ')}`, await measureProcess(process.execPath, args));
  return { wall: s.wallSeconds, cpu: s.cpuSeconds ?? NaN };
}

/** A farm export with `n` workers: the exporter's wall, and the CPU of the exporter, the workers and redis-server. */
async function farmRun(ctx: BenchContext, dir: string, video: string, n: number, round: number): Promise<Run> {
  const redis = await RedisServer.start(dir);
  const workers = await Promise.all(Array.from({ length: n }, (_, i) => startWorker(redis.url, `bench${n}-${i}`, [dir, ctx.cacheDir])));
  try {
    const path = await project(dir, video, `farm${n}-${round}`);
    const pids = [...workers.map((w) => w.pid!), redis.pid!];
    const cpu0 = pids.map(processCpu);
    const r = await exportRun(path, ['--farm', redis.url]);
    const cpu = pids.reduce((s, p, i) => s + processCpu(p) - cpu0[i], 0);
    return { wall: r.wall, cpu: r.cpu + cpu };
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode === null ? w.once('exit', r) : r(null)))));
    await redis.stop();
  }
}

export default async function farmBench(ctx: BenchContext): Promise<BenchRow[]> {
  const dir = tmpDir('redub-farm-bench-');
  // The builtin engine's face models, for the local export and the workers (children inherit it).
  process.env.REDUB_MODELS_DIR ??= join(sharedDir(), 'models');
  try {
    const video = await clip(ctx, ctx.quick ? 8 : 16);
    // Interleaved rounds, the best of each kept: on a shared machine the neighbours only ever add time.
    const runs: Record<'local' | 'one' | 'two', Run[]> = { local: [], one: [], two: [] };
    for (let round = 0; round < (ctx.quick ? 1 : 2); round++) {
      ctx.log(`round ${round + 1}: local export`);
      runs.local.push(await exportRun(await project(dir, video, `local${round}`), []));
      ctx.log(`round ${round + 1}: farm, one worker`);
      runs.one.push(await farmRun(ctx, dir, video, 1, round));
      ctx.log(`round ${round + 1}: farm, two workers`);
      runs.two.push(await farmRun(ctx, dir, video, 2, round));
    }
    const best = (r: Run[]): Run => ({ wall: Math.min(...r.map((x) => x.wall)), cpu: Math.min(...r.map((x) => x.cpu)) });
    const [local, one, two] = [best(runs.local), best(runs.one), best(runs.two)];
    const overhead = one.wall / local.wall;
    return [
      row('local export, wall', local.wall, 's'),
      row('local export, CPU', local.cpu, 's'),
      row('farm 1 worker, wall', one.wall, 's'),
      row('farm 1 worker, CPU', one.cpu, 's'),
      row('farm 2 workers, wall', two.wall, 's'),
      row('farm 2 workers, CPU', two.cpu, 's'),
      row('farm overhead (1 worker vs local), wall', 100 * (overhead - 1), '%', { text: '≤ 10', ok: overhead <= 1.1 }),
      row('farm overhead (1 worker vs local), CPU', 100 * (one.cpu / local.cpu - 1), '%', { text: '≤ 10', ok: one.cpu / local.cpu <= 1.1 }),
      row('2 workers vs 1, wall', two.wall / one.wall, '×'),
      row('2 workers vs 1, CPU', two.cpu / one.cpu, '×'),
    ];
  } finally {
    removeDir(dir);
  }
}

/**
 * The render farm end to end (issue 14): a real redis-server on loopback, real `redub worker`
 * processes, real ffmpeg. Clips are small (160 px, 10 fps) so this runs on a loaded machine.
 */
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseChunkFile } from '../../main/engine/export/chunk-files';
import { ProjectStore } from '../../main/engine/store';
import { runCli, spawnCli } from '../helpers/cli';
import { decodeMono, ffmpeg, ffprobeJson, removeDir, run, sharedDir, sharedMedia, tmpDir } from '../helpers/media';
import { MODELS_DIR } from '../engine/face/face-env';
import { makeSpanishLines } from '../engine/speakers/spanish-lines';
import { makeTwoFaceVideo } from '../engine/speakers/two-faces';
import { RedisServer } from '../helpers/redis-server';
import { nccAt } from '../helpers/signal';

let dir: string;
let clip30: string;
let clip12: string;
let redis: RedisServer | undefined;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  dir = tmpDir('redub-farm-');
  clip30 = join(dir, 'clip30.mp4');
  clip12 = join(dir, 'clip12.mp4');
  // Scaled down once (the 700 px source is the costly decode), then looped at 160 px.
  const small = join(dir, 'small.mp4');
  const enc = ['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac'];
  await ffmpeg(['-i', sharedMedia('talk1.mp4'), '-vf', 'scale=-2:160,fps=10', ...enc, small]);
  await ffmpeg(['-stream_loop', '5', '-i', small, '-t', '30', ...enc, clip30]);
  await ffmpeg(['-stream_loop', '2', '-i', small, '-t', '12', ...enc, clip12]);
}, 180_000);

/** Every process's stderr, printed when a test fails (a timeout otherwise says nothing of where it stood). */
const logs = new Map<string, () => string>();

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') for (const [name, log] of logs) console.error(`--- ${name}\n${log()}`);
  logs.clear();
  for (const w of workers.splice(0)) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
  await redis?.stop();
  redis = undefined;
});

afterAll(() => removeDir(dir));

async function project(name: string, video: string, langs: string[]): Promise<string> {
  mkdirSync(join(dir, name, 'out'), { recursive: true });
  const path = join(dir, name, 'P.redub');
  const speech = ['speech1.wav', 'speech2.wav'];
  const dubs = langs.flatMap((l, i) => ['--dub', `${l}=${sharedMedia(speech[i])}`]);
  const r = await runCli(['project', 'create', '--video', video, ...dubs, '--out', path]);
  expect(r.code, r.stderr).toBe(0);
  return path;
}

interface Worker {
  child: ChildProcess;
  log(): string;
}

/** Starts `redub worker` and waits until it has announced itself on the farm. */
async function startWorker(name: string, env: NodeJS.ProcessEnv = {}): Promise<Worker> {
  const args = ['worker', '--farm', redis!.url, '--name', name, '--allow', dir, '--allow', sharedDir()];
  const { child } = spawnCli(args, { env });
  workers.push(child);
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  logs.set(`worker ${name}`, () => log);
  await waitFor(
    () => log.includes('concurrency 1'),
    120_000,
    () => `worker ${name} did not start: ${log}`,
  );
  return { child, log: () => log };
}

/**
 * SIGKILLs the worker as soon as `at(its last log line)` matches, checked on each line it writes
 * and every 20 ms; resolves with the match once the process is gone.
 */
function killWhen(w: Worker, at: (lastLine: string) => RegExpExecArray | null, ms = 150_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const lines = w.log().split('\n');
      const m = at((lines[lines.length - 2] ?? '').replace(/^worker \S+: /, ''));
      if (!m) return;
      stop();
      w.child.once('exit', () => resolve(m));
      w.child.kill('SIGKILL');
    };
    const poll = setInterval(check, 20);
    const timer = setTimeout(() => (stop(), reject(new Error(`the kill point never came: ${w.log()}`))), ms);
    const stop = () => {
      clearInterval(poll);
      clearTimeout(timer);
      w.child.stderr!.off('data', check);
    };
    w.child.stderr!.on('data', check);
  });
}

async function waitFor(ok: () => boolean, ms: number, what: () => string): Promise<void> {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(what());
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts the exporter, its stderr kept for a failure report. */
function farmExport(args: string[]): ReturnType<typeof spawnCli> {
  const exp = spawnCli(['export', ...args]);
  let log = '';
  exp.child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  logs.set('exporter', () => log);
  return exp;
}

function chunkFiles(projectPath: string): Map<string, string> {
  const work = join(projectPath, '..', '.P.redub.work');
  const out = new Map<string, string>();
  if (!existsSync(work)) return out;
  for (const lang of readdirSync(work)) {
    for (const f of readdirSync(join(work, lang)).filter((n) => parseChunkFile(n, work) !== null)) {
      const st = statSync(join(work, lang, f));
      out.set(`${lang}/${f}`, `${st.ino}:${st.mtimeMs}`);
    }
  }
  return out;
}

/** Average PSNR of `a` against `b` (after `bFilter`), dB; Infinity when identical. */
async function psnr(a: string, b: string, bFilter = 'null'): Promise<number> {
  const r = await run('ffmpeg', ['-v', 'info', '-i', a, '-i', b, '-lavfi', `[1:v]${bFilter}[r];[0:v][r]psnr`, '-f', 'null', '-']);
  const m = /average:(inf|[\d.]+)/.exec(r.stderr.toString());
  expect(m, r.stderr.toString()).not.toBeNull();
  return m![1] === 'inf' ? Infinity : Number(m![1]);
}

type Tagged = { codec_type: string; nb_read_frames?: string; tags?: { language?: string } };

async function streams(path: string): Promise<Tagged[]> {
  return (await ffprobeJson(path, true)).streams as Tagged[];
}

describe('render farm (BullMQ on a real redis-server)', () => {
  it('survives a worker killed mid-export: both languages complete, finished chunks are not rendered again', async () => {
    redis = await RedisServer.start(dir);
    const path = await project('kill', clip30, ['es', 'de']);
    const [a, b] = await Promise.all([startWorker('wa'), startWorker('wb')]);
    const out = join(dir, 'kill', 'out');
    const exp = farmExport([path, '--out', out, '--farm', redis.url, '--lipsync', 'none', '--chunk-seconds', '3']);
    // Kill B while it renders, after some chunks are finished: decided on each line B writes
    // (and on a short poll, for chunks A finishes), so the kill lands while B's chunk is in hand.
    const inHand = await killWhen(b, (last) =>
      chunkFiles(path).size >= 3 ? /^rendering chunk (\d+) of (\w+) \(frames (\d+)-(\d+)/.exec(last) : null,
    );
    // B is gone: nothing it had in hand can appear any more. What is on disk now must stay as it is.
    const before = chunkFiles(path);
    const inHandName = [...before.keys()].find((n) => n.startsWith(`${inHand[2]}.`) && n.endsWith(`-${inHand[3]}-${inHand[4]}.mp4`));
    const r = await exp.result;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/export \w+ rendering on w[ab]\s+\d+\.\d%\s+\d+\/300 frames\s+[\d.]+ fps/);
    // The chunk B had in hand was taken again by A (unless B's rename beat the kill by a hair:
    // then it is a finished chunk like the others, and must be left as it is).
    if (!inHandName) expect(a.log()).toContain(`rendering chunk ${inHand[1]} of ${inHand[2]}`);
    const after = chunkFiles(path);
    expect(after.size).toBe(20);
    for (const [name, id] of before) expect(after.get(name), name).toBe(id);
    const speech = [await decodeMono(sharedMedia('speech1.wav')), await decodeMono(sharedMedia('speech2.wav'))];
    for (const [lang, iso, own] of [
      ['es', 'spa', 0],
      ['de', 'deu', 1],
    ] as const) {
      const file = join(out, `P_${lang}.mp4`);
      const s = await streams(file);
      expect(s.find((x) => x.codec_type === 'video')!.nb_read_frames).toBe('300');
      expect(s.find((x) => x.codec_type === 'audio')!.tags?.language).toBe(iso);
      const audio = await decodeMono(file);
      const mine = nccAt(audio, speech[own], 0, 16000);
      expect(mine, `${lang} carries its own dub`).toBeGreaterThan(0.8);
      expect(mine - nccAt(audio, speech[1 - own], 0, 16000)).toBeGreaterThan(0.3);
    }
  }, 300_000);

  it('completes an export across a redis-server restart', async () => {
    redis = await RedisServer.start(dir);
    const path = await project('restart', clip12, ['es']);
    const w = await startWorker('wr');
    const out = join(dir, 'restart', 'out');
    const exp = farmExport([path, '--out', out, '--farm', redis.url, '--lipsync', 'none', '--chunk-seconds', '2']);
    await waitFor(
      () => chunkFiles(path).size >= 1,
      150_000,
      () => `no chunk finished: ${w.log()}`,
    );
    await redis.restart();
    // The restart happened mid-export: chunks were still to come.
    const doneAtRestart = chunkFiles(path).size;
    const r = await exp.result;
    expect(r.code, r.stderr).toBe(0);
    expect(doneAtRestart).toBeLessThan(6);
    const s = await streams(join(out, 'P_es.mp4'));
    expect(s.find((x) => x.codec_type === 'video')!.nb_read_frames).toBe('120');
    expect(chunkFiles(path).size).toBe(6);
    // The same worker then assembles an In–Out export with subtitles (the parent job trims and
    // writes the cues as a local export does); its chunks are the ones above, reused.
    const store = await ProjectStore.open(path);
    store.edit('segments', () => {
      for (const seg of store.segments.list()) store.segments.remove(seg.id);
      store.segments.add({ start: 3.5, end: 4.5, text: 'Hola' });
    });
    await store.close();
    const inOut = join(dir, 'restart', 'in-out');
    mkdirSync(inOut);
    const args = ['--out', inOut, '--farm', redis.url, '--lipsync', 'none', '--chunk-seconds', '2', '--range', '3-7', '--subtitles', 'srt'];
    const ranged = await runCli(['export', path, ...args, '--original-audio', 'ducked', '--loudness', '-23']);
    expect(ranged.code, ranged.stderr).toBe(0);
    const rs = await streams(join(inOut, 'P_es.mp4'));
    expect(rs.find((x) => x.codec_type === 'video')!.nb_read_frames).toBe('40');
    expect(readFileSync(join(inOut, 'P_es.es.srt'), 'utf8')).toMatch(/00:00:00,500 --> 00:00:01,500\r?\nHola/);
  }, 240_000);

  it('fails a language whose chunk always fails, after 3 attempts, with the worker and its message', async () => {
    redis = await RedisServer.start(dir);
    const path = await project('fault', clip12, ['es']);
    const w = await startWorker('wf', { REDUB_FARM_FAULT: 'es:1' });
    const r = await runCli([
      'export',
      path,
      '--out',
      join(dir, 'fault', 'out'),
      '--farm',
      redis.url,
      '--lipsync',
      'none',
      '--chunk-seconds',
      '4',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/redub: error: .*es: chunk 1 failed after 3 attempt\(s\) on wf: .*injected fault \(REDUB_FARM_FAULT\)/);
    expect(w.log().match(/rendering chunk 1 of es/g)).toHaveLength(3);
    expect(existsSync(join(dir, 'fault', 'out', 'P_es.mp4'))).toBe(false);
  }, 180_000);

  it('renders a two-speaker project on the farm as the local export does (each face from its own line)', async () => {
    redis = await RedisServer.start(dir);
    const env = { REDUB_MODELS_DIR: MODELS_DIR, REDUB_CACHE_DIR: join(dir, 'face-cache') };
    const base = join(dir, 'speakers');
    for (const d of ['local', 'farm']) mkdirSync(join(base, d), { recursive: true });
    const [video] = await Promise.all([makeTwoFaceVideo(base), makeSpanishLines(base)]);
    const [a, b] = ['a', 'b'].map((n) => join(base, `clip-${n}.wav`));
    await ffmpeg(['-i', join(base, 'line-a.wav'), '-af', 'atrim=0:2.4', '-ac', '1', a]);
    await ffmpeg(['-i', join(base, 'line-b.wav'), '-af', 'atrim=0:2.4', '-ac', '1', b]);
    const path = join(base, 'local', 'two.redub');
    const dubs = ['--dub', `es=${a}@0@speaker1`, '--dub', `es=${b}@2.6@speaker2`];
    const created = await runCli(['project', 'create', '--video', video, ...dubs, '--out', path], env);
    expect(created.code, created.stderr).toBe(0);
    // The same project in another folder: its own chunk folder, so the farm reuses nothing of the local export.
    const farmPath = join(base, 'farm', 'two.redub');
    copyFileSync(path, farmPath);
    const range = ['--lang', 'es', '--range', '1-4'];
    const [local] = await Promise.all([runCli(['export', path, '--out', join(base, 'local'), ...range], env), startWorker('ws', env)]);
    expect(local.code, local.stderr).toBe(0);
    const farm = await runCli(['export', farmPath, '--out', join(base, 'farm'), ...range, '--farm', redis.url], env);
    expect(farm.code, farm.stderr).toBe(0);
    const [localOut, farmOut] = ['local', 'farm'].map((d) => join(base, d, 'two_es.mp4'));
    expect((await streams(farmOut)).find((x) => x.codec_type === 'video')!.nb_read_frames).toBe('75');
    const same = await psnr(farmOut, localOut);
    // The mouths did move (the local export is not the source), and the farm's frames are the local export's.
    const moved = await psnr(localOut, video, 'trim=start_frame=25:end_frame=100,setpts=PTS-STARTPTS');
    console.info(`two speakers: farm vs local PSNR ${same} dB; local vs source ${moved.toFixed(1)} dB`);
    expect(moved).toBeLessThan(45);
    expect(same).toBeGreaterThanOrEqual(50);
  }, 400_000);

  it('stops a worker on SIGTERM while redis-server is down: a bounded wait, then one line and a non-zero exit', async () => {
    redis = await RedisServer.start(dir);
    const w = await startWorker('wd');
    await redis.stop();
    await waitFor(
      () => w.log().includes('(reconnecting)'),
      60_000,
      () => `the worker did not see Redis go: ${w.log()}`,
    );
    const exited = new Promise<number | null>((resolve) => w.child.once('close', (code) => resolve(code)));
    w.child.kill('SIGTERM');
    expect(await exited).toBe(1);
    expect(w.log()).toMatch(/\nredub: error: worker wd: Redis unreachable for 10 s while leaving the farm; exiting\n$/);
  }, 120_000);
});

/**
 * The render farm end to end (issue 14): a real redis-server on loopback, real `redub worker`
 * processes, real ffmpeg. Clips are small (160 px, 10 fps) so this runs on a loaded machine.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseChunkFile } from '../../main/engine/export/chunk-files';
import { runCli, spawnCli } from '../helpers/cli';
import { decodeMono, ffmpeg, ffprobeJson, removeDir, sharedDir, sharedMedia, tmpDir } from '../helpers/media';
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
  const src = ['-stream_loop', '5', '-i', sharedMedia('talk1.mp4')];
  const enc = ['-vf', 'scale=-2:160,fps=10', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac'];
  await ffmpeg([...src, '-t', '30', ...enc, clip30]);
  await ffmpeg([...src, '-t', '12', ...enc, clip12]);
}, 60_000);

afterEach(async () => {
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
  await waitFor(
    () => log.includes('concurrency 1'),
    60_000,
    () => `worker ${name} did not start: ${log}`,
  );
  return { child, log: () => log };
}

async function waitFor(ok: () => boolean, ms: number, what: () => string): Promise<void> {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(what());
    await new Promise((r) => setTimeout(r, 100));
  }
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

type Tagged = { codec_type: string; nb_read_frames?: string; tags?: { language?: string } };

async function streams(path: string): Promise<Tagged[]> {
  return (await ffprobeJson(path, true)).streams as Tagged[];
}

describe('render farm (BullMQ on a real redis-server)', () => {
  it('survives a worker killed mid-export: both languages complete, finished chunks are not rendered again', async () => {
    redis = await RedisServer.start(dir);
    const path = await project('kill', clip30, ['es', 'de']);
    const a = await startWorker('wa');
    const b = await startWorker('wb');
    const out = join(dir, 'kill', 'out');
    const exp = spawnCli(['export', path, '--out', out, '--farm', redis.url, '--lipsync', 'none', '--chunk-seconds', '3']);
    // Kill B while it renders, after some chunks are finished.
    const rendering = () => /rendering chunk \d+ of \w+[^\n]*\n$/.test(b.log());
    await waitFor(
      () => chunkFiles(path).size >= 3 && rendering(),
      120_000,
      () => `no chunk finished: ${b.log()}`,
    );
    const before = chunkFiles(path);
    const inHand = /rendering chunk (\d+) of (\w+)[^\n]*\n$/.exec(b.log())!;
    b.child.kill('SIGKILL');
    const r = await exp.result;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/export \w+ rendering on w[ab]\s+\d+\.\d%\s+\d+\/300 frames\s+[\d.]+ fps/);
    // The chunk B had in hand was taken again by A.
    expect(a.log()).toContain(`rendering chunk ${inHand[1]} of ${inHand[2]}`);
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
  }, 170_000);

  it('completes an export across a redis-server restart', async () => {
    redis = await RedisServer.start(dir);
    const path = await project('restart', clip12, ['es']);
    const w = await startWorker('wr');
    const out = join(dir, 'restart', 'out');
    const exp = spawnCli(['export', path, '--out', out, '--farm', redis.url, '--lipsync', 'none', '--chunk-seconds', '2']);
    await waitFor(
      () => chunkFiles(path).size >= 1,
      90_000,
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
  }, 120_000);

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
  }, 90_000);
});

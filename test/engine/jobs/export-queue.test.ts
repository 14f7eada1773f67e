import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../../main/engine/store';
import { cliCommand, runCli } from '../../helpers/cli';
import { makeFrameCodedVideo, readFrameCodes } from '../../helpers/frame-code';
import { decodeMono, makeSpeech, REPO_ROOT, removeDir, tmpDir } from '../../helpers/media';
import { readOnlyDir, tinyDisk } from '../../helpers/restricted-dir';
import { ncc } from '../../helpers/signal';
import { MODELS_DIR } from '../face/face-env';

const dir = tmpDir('redub-jobs-');
const video = join(dir, 'coded.mp4');
const es = join(dir, 'es.wav');
const de = join(dir, 'de.wav');
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function newProject(name: string): Promise<string> {
  const path = join(dir, `${name}.redub`);
  const r = await runCli(['project', 'create', '--video', video, '--dub', `es=${es}`, '--dub', `de=${de}`, '--out', path]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return path;
}

beforeAll(async () => {
  makeFrameCodedVideo(video, 6);
  await makeSpeech('es', 'Hola, esto es una prueba del doblaje en español, con varias palabras.', es);
  await makeSpeech('de', 'Hallo, dies ist ein Test der deutschen Synchronisation mit einigen Wörtern.', de);
});
afterAll(() => removeDir(dir));

describe('export queue (redub project / export / jobs)', () => {
  it('exports every language with its own audio and the source frame count', async () => {
    const project = await newProject('two');
    const out = join(dir, 'out-two');
    mkdirSync(out);
    const r = await runCli(['export', project, '--lipsync', 'none', '--out', out, '--chunk-seconds', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    for (const [lang, dub] of [
      ['es', es],
      ['de', de],
    ]) {
      const file = join(out, `two_${lang}.mp4`);
      expect(readFrameCodes(file)).toEqual(range(150));
      const [got, want] = [await decodeMono(file), await decodeMono(dub)];
      const n = Math.min(got.length, want.length);
      expect(ncc(got.subarray(0, n), want.subarray(0, n))).toBeGreaterThan(0.9);
    }
    const jobs = JSON.parse((await runCli(['jobs', project, '--json'])).stdout);
    expect(jobs.map((j: { state: string }) => j.state)).toEqual(['done', 'done']);
  });

  it('resumes after SIGKILL from the last finished chunk, frames exact', async () => {
    const project = await newProject('kill');
    const [bin, args] = cliCommand(['export', project, '--lipsync', 'none', '--out', dir, '--lang', 'es', '--chunk-seconds', '1']);
    const child = spawn(bin, args, { cwd: REPO_ROOT });
    let log = '';
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        log += d.toString();
        // Kill as soon as one chunk is done: five more remain, so the kill always lands mid-export.
        if (/chunk \d+ rendered/.test(log)) child.kill('SIGKILL');
      });
      child.on('close', () => resolve());
    });
    expect(log).not.toContain('wrote');
    expect(existsSync(join(dir, 'kill_es.mp4'))).toBe(false);
    const resumed = await runCli(['export', project, '--lipsync', 'none', '--out', dir, '--lang', 'es', '--chunk-seconds', '1']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/chunk 0 reused/);
    expect(resumed.stderr).not.toMatch(/chunk 0 rendered/);
    expect(readFrameCodes(join(dir, 'kill_es.mp4'))).toEqual(range(150));
  });

  it('re-renders only the chunks an edited segment touches', async () => {
    const project = await newProject('edit');
    const out = join(dir, 'out-edit');
    mkdirSync(out);
    const first = await runCli(['export', project, '--lipsync', 'none', '--out', out, '--lang', 'es', '--chunk-seconds', '1']);
    expect(first.code, first.stderr).toBe(0);
    const store = await ProjectStore.open(project);
    const [whole] = store.segments.list();
    const [, tail] = store.segments.split(whole.id, 4);
    store.segments.update(tail.id, { emotionTemplate: 'smile' });
    await store.close();
    // A smiling segment brings in face tracking, which needs the detection models.
    const env = { REDUB_MODELS_DIR: MODELS_DIR, REDUB_CACHE_DIR: join(dir, 'cache') };
    const second = await runCli(
      ['export', project, '--lipsync', 'none', '--out', out, '--lang', 'es', '--chunk-seconds', '1', '--overwrite'],
      env,
    );
    expect(second.code, second.stderr).toBe(0);
    const rendered = [...second.stderr.matchAll(/chunk (\d+) rendered/g)].map((m) => Number(m[1]));
    // The smiling tail covers 4–6 s; with the 0.5 s easing margin that is chunks 3, 4 and 5.
    expect(rendered).toEqual([3, 4, 5]);
    expect(second.stderr).toMatch(/chunk 0 reused/);
    expect(readFrameCodes(join(out, 'edit_es.mp4'))).toEqual(range(150));
  });

  it('reports a corrupted project clearly, offers the last backup, and restores it', async () => {
    const project = await newProject('corrupt');
    const good = await runCli(['jobs', project]);
    expect(good.code).toBe(0);
    writeFileSync(project, 'this is not a project');
    const bad = await runCli(['jobs', project]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain(project);
    expect(bad.stderr).toMatch(/backup/);
    const restored = await runCli(['project', 'restore-backup', project]);
    expect(restored.code, restored.stderr).toBe(0);
    expect((await runCli(['jobs', project])).code).toBe(0);
  });

  it('fails the job with a clear error on a read-only output directory and keeps the queue', async (ctx) => {
    const ro = readOnlyDir(join(dir, 'readonly'));
    if (!ro.path) return ctx.skip(ro.reason);
    try {
      const project = await newProject('ro');
      const r = await runCli(['export', project, '--lipsync', 'none', '--out', ro.path]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/not writable|read-only/i);
      const jobs = JSON.parse((await runCli(['jobs', project, '--json'])).stdout);
      expect(jobs).toHaveLength(2);
      expect(jobs.every((j: { state: string; error: string }) => j.state === 'failed' && /not writable|read-only/i.test(j.error))).toBe(
        true,
      );
    } finally {
      ro.release();
    }
  });

  it('refuses to start when the disk is too small, leaving nothing behind', async (ctx) => {
    const tiny = tinyDisk(join(dir, 'tiny'));
    if (!tiny.path) return ctx.skip(tiny.reason);
    try {
      const project = await newProject('tiny');
      const r = await runCli(['export', project, '--lipsync', 'none', '--out', tiny.path, '--lang', 'es']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/not enough free space/);
      expect(readdirSync(tiny.path)).toEqual([]);
    } finally {
      tiny.release();
    }
  });
});

/**
 * `redub jobs` only reads: the project folder is byte for byte the same afterwards (no -wal, no
 * -shm, no backup, no lock), and it still works while another process has the project open.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { makeSpeech, removeDir, sharedMedia, tmpDir } from '../helpers/media';
import { exited, startHolder } from '../engine/store/helpers';

let dir: string;
let project: string;

beforeAll(async () => {
  dir = tmpDir('redub-jobs-ro-');
  const es = await makeSpeech('es', 'Hola', join(dir, 'es.wav'));
  project = join(dir, 'P.redub');
  const r = await runCli(['project', 'create', '--video', sharedMedia('talk3.mp4'), '--dub', `es=${es}`, '--out', project]);
  expect(r.code, r.stderr).toBe(0);
});

afterAll(() => removeDir(dir));

/** Every file of the folder: name, size, modification time and content. */
function snapshot(): string[] {
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const p = join(dir, name);
      const st = statSync(p);
      const sha = st.isFile() ? createHash('sha256').update(readFileSync(p)).digest('hex') : 'dir';
      return `${name} ${st.size} ${st.mtimeMs} ${sha}`;
    });
}

describe('redub jobs is read-only', () => {
  it('leaves the project folder unchanged', async () => {
    const before = snapshot();
    for (const args of [
      ['jobs', project],
      ['jobs', project, '--json'],
    ]) {
      const r = await runCli(args);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(snapshot()).toEqual(before);
    expect(readdirSync(dir).filter((n) => /-wal$|-shm$|\.lock$/.test(n))).toEqual([]);
  });

  it('still reads a project that another process has open for writing', async () => {
    const holder = startHolder(project, 'hold');
    expect((await holder.report).ok).toBe(true);
    try {
      const r = await runCli(['jobs', project, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual([]);
    } finally {
      holder.proc.stdin!.end();
      await exited(holder.proc);
    }
  });
});

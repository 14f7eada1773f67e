/**
 * `redub project create` checks every input before it makes a file, with the same messages as
 * `redub dub`, and a failed create leaves nothing: no project, no backup, no lock, no temp file.
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { ffmpeg, makeSpeech, removeDir, sharedMedia, tmpDir } from '../helpers/media';

const TALK3 = sharedMedia('talk3.mp4');
let base: string;
let emptyWav: string;
let speech: string;
let png: string;
let jpegAsWav: string;
let notes: string;

beforeAll(async () => {
  base = tmpDir('redub-create-');
  const inputs = join(base, 'inputs');
  mkdirSync(inputs);
  // A WAV header and no samples, as a recorder that stopped at once writes it.
  emptyWav = join(inputs, 'empty.wav');
  await ffmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '0', emptyWav]);
  speech = await makeSpeech('es', 'Hola', join(inputs, 'es.wav'));
  png = join(inputs, 'frame.png');
  await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=64x48', '-frames:v', '1', png]);
  const jpeg = join(inputs, 'photo.jpg');
  await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=64x48', '-frames:v', '1', jpeg]);
  jpegAsWav = join(inputs, 'photo.wav');
  copyFileSync(jpeg, jpegAsWav);
  // ffprobe reads any text as a "tty" video (an ANSI-art stream); it must not open as a project.
  notes = join(inputs, 'notes.txt');
  writeFileSync(notes, 'Scene 1: she says hello.\nScene 2: he leaves.\n');
});

afterAll(() => removeDir(base));

function caseDir(name: string): string {
  const dir = join(base, name);
  mkdirSync(dir);
  return dir;
}

/** The one stderr line, which must be the whole of stderr. */
function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  return lines[0];
}

describe('an empty WAV as a dub', () => {
  it('is refused by dub and by project create with the same one-line message, and no file is left', async () => {
    const dir = caseDir('empty-dub');
    const message = `redub: error: ${emptyWav}: holds no audio (0 s of sound): choose a dub that has sound in it`;
    const dub = await runCli(['dub', '--lipsync', 'none', '--video', TALK3, '--audio', emptyWav, '--out', join(dir, 'out.mp4')]);
    expect(dub.code).not.toBe(0);
    expect(oneLine(dub.stderr)).toBe(message);
    const create = await runCli(['project', 'create', '--video', TALK3, '--dub', `es=${emptyWav}`, '--out', join(dir, 'P.redub')]);
    expect(create.code).not.toBe(0);
    expect(oneLine(create.stderr)).toBe(message);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a failed project create leaves no file', () => {
  it.each([
    ['a PNG as the video', () => ['--video', png, '--dub', `es=${speech}`], () => `${png}: is a still image (png), not a video`],
    ['a text file as the video', () => ['--video', notes, '--dub', `es=${speech}`], () => `${notes}: is a text file, not a video`],
    [
      'a JPEG renamed .wav as the second dub',
      () => ['--video', TALK3, '--dub', `es=${speech}`, '--dub', `de=${jpegAsWav}`],
      () => `${jpegAsWav}: is a still image (mjpeg), not audio`,
    ],
  ])('%s', async (_what, inputs, problem) => {
    const dir = caseDir(_what.replace(/\W+/g, '-'));
    const r = await runCli(['project', 'create', ...inputs(), '--out', join(dir, 'P.redub')]);
    expect(r.code).not.toBe(0);
    expect(oneLine(r.stderr)).toBe(`redub: error: ${problem()}`);
    expect(r.stderr).not.toMatch(/CHECK constraint/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an output that is a folder, before any input is read', async () => {
    const dir = caseDir('out-is-folder');
    const out = join(dir, 'P.redub');
    mkdirSync(out);
    const r = await runCli(['project', 'create', '--video', png, '--out', out]);
    expect(oneLine(r.stderr)).toBe(`redub: error: ${out}: is a folder: name the output file, e.g. ${out}/film.redub`);
    expect(readdirSync(dir)).toEqual(['P.redub']);
    expect(readdirSync(out)).toEqual([]);
  });
});

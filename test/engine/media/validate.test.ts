/**
 * The one validation of inputs and outputs that `dub`, `project create`, export and the editor
 * share: each bad kind of file is refused in one line naming it, before any work starts.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDubInput, validateOutputPath, validateVideoInput } from '../../../main/engine/media/validate';
import { readOnlyDir, type RestrictedDir } from '../../helpers/restricted-dir';
import { ffmpeg, removeDir, sharedMedia, tmpDir } from '../../helpers/media';

const TALK3 = sharedMedia('talk3.mp4');
const SPEECH = sharedMedia('speech1.wav');
let dir: string;
const f = { empty: '', truncated: '', cutBehindIndex: '', png: '', jpegAsWav: '', text: '', emptyWav: '', silentVideo: '' };
let readOnly: RestrictedDir;

beforeAll(async () => {
  dir = tmpDir('redub-validate-');
  for (const k of Object.keys(f) as (keyof typeof f)[]) f[k] = join(dir, k);
  f.png = join(dir, 'still.png');
  f.jpegAsWav = join(dir, 'photo.wav');
  f.text = join(dir, 'notes.mp4');
  f.emptyWav = join(dir, 'empty.wav');
  f.empty = join(dir, 'zero.mp4');
  writeFileSync(f.empty, '');
  const bytes = readFileSync(TALK3);
  f.truncated = join(dir, 'half.mp4');
  writeFileSync(f.truncated, bytes.subarray(0, bytes.length >> 1));
  // Index first (faststart), then half the data: the probe is happy, the last frames are gone.
  const faststart = join(dir, 'faststart.mp4');
  await ffmpeg(['-i', TALK3, '-c', 'copy', '-movflags', '+faststart', faststart]);
  const fs = readFileSync(faststart);
  f.cutBehindIndex = join(dir, 'cut-behind-index.mp4');
  writeFileSync(f.cutBehindIndex, fs.subarray(0, fs.length >> 1));
  await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=64x48', '-frames:v', '1', f.png]);
  const jpeg = join(dir, 'photo.jpg');
  await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=64x48', '-frames:v', '1', jpeg]);
  copyFileSync(jpeg, f.jpegAsWav);
  writeFileSync(f.text, '1\n00:00:01,000 --> 00:00:02,000\nHola, ¿qué tal?\n');
  // A WAV header and no samples, as a recorder that stopped at once writes it.
  await ffmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '0', f.emptyWav]);
  f.silentVideo = join(dir, 'no-audio.mp4');
  await ffmpeg(['-i', TALK3, '-an', '-c', 'copy', f.silentVideo]);
  readOnly = readOnlyDir(join(dir, 'read-only'));
});

afterAll(() => {
  readOnly?.release();
  removeDir(dir);
});

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (err: Error) => err,
  );
  expect(e, 'was accepted').toBeInstanceOf(Error);
  expect(e!.name).toBe('RedubError');
  expect(e!.message).not.toMatch(/\n/);
  return e!.message;
}

describe('validateVideoInput', () => {
  it('accepts a real clip and returns its probe', async () => {
    const info = await validateVideoInput(TALK3);
    expect(info.video).toMatchObject({ width: 590, height: 590, frameCount: 125 });
  });

  it.each([
    ['an empty file', () => f.empty, /zero\.mp4: file is empty \(0 bytes\)$/],
    ['a truncated mp4 (moov lost)', () => f.truncated, /half\.mp4: cannot read media: the file is truncated or corrupt/],
    ['an mp4 cut behind its index', () => f.cutBehindIndex, /cut-behind-index\.mp4: video ends early: .*truncated or corrupt/],
    ['a still image', () => f.png, /still\.png: is a still image \(png\), not a video$/],
    ['a text file named .mp4', () => f.text, /notes\.mp4: is a text file, not a video$/],
    ['an audio file', () => SPEECH, /speech1\.wav: has no video stream \(it is audio only\)$/],
    ['a folder', () => dir, /: is a folder, not a file$/],
  ])('refuses %s', async (_what, file, message) => {
    expect(await refusal(validateVideoInput(file()))).toMatch(message);
  });
});

describe('validateDubInput', () => {
  it('accepts speech, and a video whose audio track is the dub', async () => {
    expect((await validateDubInput(SPEECH)).audio).toHaveLength(1);
    expect((await validateDubInput(TALK3)).audio).toHaveLength(1);
  });

  it.each([
    ['an empty file', () => f.empty, /zero\.mp4: file is empty \(0 bytes\)$/],
    ['a header-only WAV', () => f.emptyWav, /empty\.wav: holds no audio \(0 s of sound\): choose a dub that has sound in it$/],
    ['a JPEG renamed .wav', () => f.jpegAsWav, /photo\.wav: is a still image \(mjpeg\), not audio$/],
    ['a text file', () => f.text, /notes\.mp4: is a text file, not audio$/],
    ['a video without audio', () => f.silentVideo, /no-audio\.mp4: has no audio stream to dub with$/],
    ['a truncated mp4', () => f.truncated, /half\.mp4: cannot read media: the file is truncated or corrupt/],
  ])('refuses %s', async (_what, file, message) => {
    expect(await refusal(validateDubInput(file()))).toMatch(message);
  });
});

describe('validateOutputPath', () => {
  it('accepts a new video file in a writable folder, and returns it absolute', async () => {
    expect(await validateOutputPath(join(dir, 'out.mp4'), { kind: 'video' })).toBe(join(dir, 'out.mp4'));
  });

  it('refuses an existing folder, naming a file to use instead', async () => {
    const folder = join(dir, 'renders.mp4');
    mkdirSync(folder);
    expect(await refusal(validateOutputPath(folder, { kind: 'video' }))).toBe(
      `${folder}: is a folder: name the output file, e.g. ${folder}/out.mp4`,
    );
  });

  it('takes the extension from the file name, not from a dotted folder', async () => {
    const out = join(dir, 'my.mp4.films', 'out');
    expect(await refusal(validateOutputPath(out, { kind: 'video' }))).toBe(`${out}: no file extension (use .mp4, .mov, .webm or .mkv)`);
    const avi = join(dir, 'out.avi');
    expect(await refusal(validateOutputPath(avi, { kind: 'video' }))).toMatch(/out\.avi: unsupported output format "\.avi"/);
  });

  it('refuses a missing or unwritable folder', async (t) => {
    const missing = join(dir, 'nope', 'out.mp4');
    expect(await refusal(validateOutputPath(missing, { kind: 'video' }))).toMatch(/output directory does not exist/);
    if (!readOnly.path) return t.skip(readOnly.reason);
    const out = join(readOnly.path, 'out.mp4');
    expect(await refusal(validateOutputPath(out, { kind: 'video' }))).toBe(`${out}: output directory is not writable: ${readOnly.path}`);
  });

  it('never creates a project over a file; replaces a video only when told', async () => {
    expect(await refusal(validateOutputPath(TALK3, { kind: 'project' }))).toMatch(/a file already exists here$/);
    expect(await refusal(validateOutputPath(TALK3, { kind: 'video', overwrite: false }))).toMatch(/pass --overwrite/);
  });
});

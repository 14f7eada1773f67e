/**
 * `redub dub` on bad input: one clear line naming the file and the problem, a non-zero exit,
 * and nothing left behind at (or beside) the output path. Awkward but valid input must work.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { decodeErrors, ffmpeg, ffprobeJson, makeSpeech, removeDir, sharedMedia, tmpDir } from '../helpers/media';

const TALK3 = sharedMedia('talk3.mp4');
let base: string;
let dub: string;

beforeAll(async () => {
  base = tmpDir('redub-errors-');
  dub = await makeSpeech('es', 'Hola, ¿qué tal?', join(base, 'dub.wav'));
});

afterAll(() => removeDir(base));

/** A fresh folder per case, so "nothing left behind" can be checked by listing it. */
function caseDir(name: string): string {
  const dir = join(base, name);
  mkdirSync(dir);
  return dir;
}

/** The one `redub:` line, which must be the last (phase lines such as "dub: analysing faces…" may precede it). */
function errorLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines.filter((l) => l.startsWith('redub:'))).toEqual([lines.at(-1)]);
  return lines.at(-1)!;
}

interface Failure {
  video: string;
  audio?: string;
  out: string;
  /** The file the message must name. */
  file: string;
  problem: RegExp;
}

async function expectFailure(f: Failure): Promise<void> {
  const r = await runCli(['dub', '--lipsync', 'none', '--video', f.video, '--audio', f.audio ?? dub, '--out', f.out]);
  expect(r.code).not.toBe(0);
  // Progress lines may precede it; the error itself is the one and only `redub:` line, and last.
  const lines = r.stderr.trim().split('\n');
  const errors = lines.filter((l) => l.startsWith('redub:'));
  expect(errors).toHaveLength(1);
  expect(lines.at(-1)).toBe(errors[0]);
  // Named once, at the front, as RedubError does: "redub: error: FILE: problem".
  expect(errors[0].startsWith(`redub: error: ${f.file}: `), errors[0]).toBe(true);
  expect(errors[0].split(f.file)).toHaveLength(2);
  expect(errors[0]).toMatch(f.problem);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(existsSync(f.out)).toBe(false);
  const dir = join(f.out, '..');
  if (existsSync(dir)) expect(readdirSync(dir).filter((n) => n.includes('partial'))).toEqual([]);
}

describe('redub dub rejects bad input cleanly', () => {
  it('a missing video file', async () => {
    const dir = caseDir('missing-video');
    const video = join(dir, 'nope.mp4');
    await expectFailure({ video, out: join(dir, 'out.mp4'), file: video, problem: /file not found/ });
  });

  it('a missing dub file', async () => {
    const dir = caseDir('missing-dub');
    const audio = join(dir, 'nope.wav');
    await expectFailure({ video: TALK3, audio, out: join(dir, 'out.mp4'), file: audio, problem: /file not found/ });
  });

  it('a truncated mp4 whose moov atom was cut off (talk3.mp4, first half)', async () => {
    const dir = caseDir('truncated');
    const video = join(dir, 'half.mp4');
    const bytes = readFileSync(TALK3);
    writeFileSync(video, bytes.subarray(0, bytes.length >> 1));
    await expectFailure({ video, out: join(dir, 'out.mp4'), file: video, problem: /truncated or corrupt \(moov atom not found\)/ });
  });

  it('a truncated mp4 whose index survived (faststart): refused before encoding, no partial output', async () => {
    const dir = caseDir('truncated-faststart');
    const full = join(dir, 'full.mp4');
    await ffmpeg(['-i', TALK3, '-c', 'copy', '-movflags', '+faststart', full]);
    const video = join(dir, 'half.mp4');
    const bytes = readFileSync(full);
    writeFileSync(video, bytes.subarray(0, bytes.length >> 1));
    await expectFailure({ video, out: join(dir, 'out.mp4'), file: video, problem: /ends early.*truncated or corrupt/ });
  });

  it('a wav given as --video', async () => {
    const dir = caseDir('wav-as-video');
    await expectFailure({ video: dub, out: join(dir, 'out.mp4'), file: dub, problem: /no video stream/ });
  });

  it('a corrupt dub audio file', async () => {
    const dir = caseDir('corrupt-dub');
    const audio = join(dir, 'doblaje.wav');
    // Deterministic garbage that no demuxer recognises.
    writeFileSync(audio, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)));
    await expectFailure({ video: TALK3, audio, out: join(dir, 'out.mp4'), file: audio, problem: /cannot read media/ });
  });

  it('an output directory that does not exist', async () => {
    const dir = caseDir('no-out-dir');
    const out = join(dir, 'missing', 'out.mp4');
    await expectFailure({ video: TALK3, out, file: out, problem: /output directory does not exist/ });
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});

describe('redub dub checks the output before any work', () => {
  /** ffmpeg and ffprobe wrappers that log each run: an empty log proves nothing was decoded. */
  function loggingTools(dir: string): { env: NodeJS.ProcessEnv; log: string } {
    const log = join(dir, 'tools.log');
    const env: NodeJS.ProcessEnv = {};
    for (const tool of ['ffmpeg', 'ffprobe']) {
      const path = join(dir, `${tool}-logged`);
      writeFileSync(path, `#!/bin/sh\necho "${tool} $*" >> '${log}'\nexec ${tool} "$@"\n`);
      chmodSync(path, 0o755);
      env[tool === 'ffmpeg' ? 'REDUB_FFMPEG' : 'REDUB_FFPROBE'] = path;
    }
    return { env, log };
  }

  it.each([
    ['an existing folder', 'renders.mp4', (out: string) => `is a folder: name the output file, e.g. ${out}/out.mp4`],
    ['a .webm for the default h264', 'out.webm', () => 'a .webm output needs --codec vp9 (got h264)'],
    ['an unknown extension', 'out.avi', () => 'unsupported output format ".avi" (use .mp4, .mov, .webm or .mkv)'],
  ])('--out at %s fails before decoding starts', async (_what, name, problem) => {
    const tools = caseDir(`tools-${name}`);
    const { env, log } = loggingTools(tools);
    const dir = caseDir(`out-${name}`);
    const out = join(dir, name);
    if (name === 'renders.mp4') mkdirSync(out);
    const r = await runCli(['dub', '--lipsync', 'none', '--video', TALK3, '--audio', dub, '--out', out], env);
    expect(r.code).not.toBe(0);
    expect(errorLine(r.stderr)).toBe(`redub: error: ${out}: ${problem(out)}`);
    expect(existsSync(log), 'ffmpeg or ffprobe ran').toBe(false);
    expect(readdirSync(dir)).toEqual(name === 'renders.mp4' ? ['renders.mp4'] : []);
  });
});

describe('redub dub rejects a dub that would not be heard', () => {
  it.each([-10, 5])('--offset %s puts the whole dub outside the 5 s video', async (offset) => {
    const dir = caseDir(`offset${offset}`);
    const out = join(dir, 'out.mp4');
    const r = await runCli(['dub', '--lipsync', 'none', '--video', TALK3, '--audio', dub, '--out', out, '--offset', String(offset)]);
    expect(r.code).not.toBe(0);
    expect(errorLine(r.stderr)).toMatch(
      new RegExp(
        `^redub: error: ${dub}: at --offset ${offset} s the dub \\([\\d.]+ s\\) falls entirely outside the output \\(0–5\\.00 s\\)$`,
      ),
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('redub dub never overwrites its input', () => {
  it('refuses an output path that is the input video (also through a symlink)', async () => {
    const dir = caseDir('out-is-input');
    const video = join(dir, 'video.mp4');
    copyFileSync(TALK3, video);
    const link = join(dir, 'link.mp4');
    symlinkSync(video, link);
    for (const out of [video, link]) {
      const r = await runCli(['dub', '--lipsync', 'none', '--video', video, '--audio', dub, '--out', out]);
      expect(r.code).not.toBe(0);
      expect(errorLine(r.stderr)).toBe(
        `redub: error: ${out}: is the video input itself: writing would destroy it; choose another output file`,
      );
    }
    expect(readFileSync(video).equals(readFileSync(TALK3))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['link.mp4', 'video.mp4']);
  });
});

describe('redub dub accepts awkward but valid input', () => {
  it('a video with no audio stream: the dub adds one', async () => {
    const dir = caseDir('no-audio');
    const video = join(dir, 'silent.mp4');
    await ffmpeg(['-i', TALK3, '-an', '-c', 'copy', video]);
    const out = join(dir, 'out.mp4');
    const r = await runCli([
      'dub',
      '--lipsync',
      'none',
      '--video',
      video,
      '--audio',
      dub,
      '--out',
      out,
      '--policy',
      'pad-audio',
      '--preset',
      'ultrafast',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const info = await ffprobeJson(out);
    expect(info.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    expect(Number(info.streams.find((s) => s.codec_type === 'audio')!.duration)).toBeCloseTo(5, 1);
  });

  it('non-ASCII and space-containing paths', async () => {
    const dir = caseDir('carpeta con espacios ñ 日本');
    const video = join(dir, 'vídeo de prueba é.mp4');
    const audio = join(dir, 'doblaje en español.wav');
    copyFileSync(TALK3, video);
    copyFileSync(dub, audio);
    const out = join(dir, 'salida final ü 字幕.mp4');
    const r = await runCli([
      'dub',
      '--lipsync',
      'none',
      '--video',
      video,
      '--audio',
      audio,
      '--out',
      out,
      '--preset',
      'ultrafast',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).out).toBe(out);
    expect(await decodeErrors(out)).toBe('');
    expect(readdirSync(dir).sort()).toEqual([audio, out, video].map((p) => p.slice(dir.length + 1)).sort());
    const probe = await runCli(['probe', out, '--json']);
    expect(probe.code, probe.stderr).toBe(0);
    expect(JSON.parse(probe.stdout).video.frameCount).toBe(125);
  });
});

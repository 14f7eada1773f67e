/**
 * `redub export --range START-END` (the editor's In–Out) on a real clip, with chunk borders that
 * do not fall on the range: the file lasts the range to the frame, starts on the range's first
 * frame, and its audio is that part of the timeline.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { decodeMono, extractFrameRgb, extractFramesRgb, ffprobeJson, makeSpeech, removeDir, sharedMedia, tmpDir } from '../helpers/media';

const FPS = 25; // talk3.mp4
const RATE = 16000;
const RANGE = [1.2, 2.6] as const; // frames 30–65; 1 s chunks border at 25, 50, 75
let dir: string;
let project: string;
const video = () => sharedMedia('talk3.mp4');

beforeAll(async () => {
  dir = tmpDir('redub-export-range-');
  const es = await makeSpeech('es', 'Hola', join(dir, 'es.wav'));
  expect(Number((await ffprobeJson(es)).format.duration)).toBeLessThan(RANGE[0]); // the range holds only the original
  project = join(dir, 'P.redub');
  const r = await runCli(['project', 'create', '--video', video(), '--dub', `es=${es}`, '--out', project]);
  expect(r.code, r.stderr).toBe(0);
}, 60_000);

afterAll(() => removeDir(dir));

const meanAbsDiff = (a: Buffer, b: Buffer) => a.reduce((s, x, i) => s + Math.abs(x - b[i]), 0) / a.length;

/** Normalised correlation of two equal-length signals. */
function correlation(a: Float32Array, b: Float32Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / Math.sqrt(aa * bb);
}

describe('export of the In–Out range', () => {
  it('writes exactly the range: its frames and its audio', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    const args = ['export', project, '--out', out, '--lipsync', 'none', '--original-audio', 'full', '--chunk-seconds', '1'];
    const r = await runCli([...args, '--range', `${RANGE[0]}-${RANGE[1]}`]);
    expect(r.code, r.stderr).toBe(0);
    const file = join(out, 'P_es.mp4');

    const probe = await ffprobeJson(file, true);
    const v = probe.streams.find((s) => s.codec_type === 'video')!;
    const a = probe.streams.find((s) => s.codec_type === 'audio')!;
    const frames = Math.round((RANGE[1] - RANGE[0]) * FPS);
    expect(Number(v.nb_read_frames)).toBe(frames);
    expect(Math.abs(Number(a.duration) - frames / FPS)).toBeLessThan(1 / FPS);

    // The first frame is the range's first frame: nearer to it than to any of its neighbours.
    const first = await extractFrameRgb(file, 0);
    const at = Math.round(RANGE[0] * FPS);
    const around = await extractFramesRgb(video(), at - 4, 9);
    const diffs = around.map((f) => meanAbsDiff(first, f));
    expect(diffs.indexOf(Math.min(...diffs))).toBe(4);

    // Its audio is the original's over the range (the dub is silent there), not a shifted part.
    const got = await decodeMono(file, RATE);
    const src = await decodeMono(video(), RATE);
    const part = (t: number) => src.subarray(Math.round(t * RATE), Math.round((t + RANGE[1] - RANGE[0] - 0.1) * RATE));
    expect(correlation(got, part(RANGE[0]))).toBeGreaterThan(0.9);
    expect(correlation(got, part(RANGE[0] + 0.25))).toBeLessThan(0.5);
  }, 240_000);

  it('refuses a range outside the video in one line', async () => {
    const out = join(dir, 'bad');
    mkdirSync(out);
    const r = await runCli(['export', project, '--out', out, '--lipsync', 'none', '--range', '9-12']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/the range 9-12 s lies outside the output \(0-5\.\d\d s\)/);
  });
});

/**
 * `redub export --original-audio off|ducked|full --loudness LUFS` on a real clip: where the dub is
 * silent, the output carries the original's speech at its level (full), 12 dB under it (ducked) or
 * nothing (off); and the measured integrated loudness lands on the target.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { decodeMono, ffmpeg, ffprobeJson, makeSpeech, removeDir, run, sharedMedia, tmpDir } from '../helpers/media';

let dir: string;
let project: string;
let clip: string;
/** Seconds of the output where the dub is silent (after the espeak "Hola" ends). */
let quiet: [number, number];

const RATE = 16000;

function rms(pcm: Float32Array, [from, to]: [number, number]): number {
  const a = pcm.subarray(Math.round(from * RATE), Math.round(to * RATE));
  return Math.sqrt(a.reduce((s, x) => s + x * x, 0) / a.length);
}

async function exportWith(name: string, args: string[]): Promise<string> {
  const out = join(dir, name);
  mkdirSync(out);
  const r = await runCli(['export', project, '--out', out, '--lipsync', 'none', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return join(out, 'P_es.mp4');
}

/** Integrated loudness, LUFS, as ffmpeg's EBU R128 meter reads it. */
async function integratedLoudness(file: string): Promise<number> {
  const r = await run('ffmpeg', ['-hide_banner', '-nostdin', '-i', file, '-map', '0:a:0', '-af', 'ebur128', '-f', 'null', '-']);
  const summary = r.stderr.toString().split('Summary:')[1] ?? '';
  return Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]);
}

beforeAll(async () => {
  dir = tmpDir('redub-export-audio-');
  clip = join(dir, 'clip.mp4');
  await ffmpeg(['-i', sharedMedia('talk3.mp4'), '-t', '3', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-y', clip]);
  const es = await makeSpeech('es', 'Hola', join(dir, 'es.wav'));
  const dubEnd = Number((await ffprobeJson(es)).format.duration);
  quiet = [dubEnd + 0.3, 2.9];
  expect(quiet[1] - quiet[0]).toBeGreaterThan(1);
  project = join(dir, 'P.redub');
  const r = await runCli(['project', 'create', '--video', clip, '--dub', `es=${es}`, '--out', project]);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

afterAll(() => removeDir(dir));

describe('export: the original audio under the dub', () => {
  it('keeps it at full level, ducked 12 dB, or not at all', async () => {
    const original = rms(await decodeMono(clip, RATE), quiet);
    expect(original).toBeGreaterThan(0.01); // the clip has speech there: the test can tell the modes apart
    const level = async (mode: string) => rms(await decodeMono(await exportWith(mode, ['--original-audio', mode]), RATE), quiet);
    const full = await level('full');
    const ducked = await level('ducked');
    const off = await level('off');
    const db = (x: number) => 20 * Math.log10(x / original);
    expect(Math.abs(db(full))).toBeLessThan(1);
    expect(db(ducked)).toBeGreaterThan(-14);
    expect(db(ducked)).toBeLessThan(-10);
    expect(off).toBeLessThan(original / 100);
  }, 240_000);

  it('normalises the loudness to the target', async () => {
    for (const target of [-23, -16]) {
      const out = await exportWith(`lufs${-target}`, ['--original-audio', 'full', '--loudness', String(target)]);
      expect(Math.abs((await integratedLoudness(out)) - target)).toBeLessThan(1.5);
    }
  }, 240_000);

  it('refuses a loudness target out of range in one line', async () => {
    const r = await runCli(['export', project, '--out', join(dir, 'bad'), '--loudness', '5']);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--loudness 5: give a target in LUFS/);
  });
});

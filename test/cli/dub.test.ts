/**
 * `redub dub` end to end on a real clip with a real (espeak-ng Spanish) dub: output length per
 * duration policy, the audio really is the dub at the right offset, and the frames are the source's.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DurationPolicy } from '../../main/engine/dub/duration-policy';
import { runCli } from '../helpers/cli';
import { decodeErrors, decodeMono, extractFrameRgb, ffprobeJson, makeSpeech, psnr, removeDir, sharedMedia, tmpDir } from '../helpers/media';
import { nccAt } from '../helpers/signal';

const VIDEO = sharedMedia('talk3.mp4');
const FPS = 25;
const SOURCE_FRAMES = 125; // talk3: 5.00 s at 25 fps
const FRAME = 1 / FPS;
const RATE = 16000;

let dir: string;
const dubs = { long: '', short: '' };
const dubLength = { long: 0, short: 0 };
const dubPcm: Record<'long' | 'short', Float32Array> = { long: new Float32Array(), short: new Float32Array() };

beforeAll(async () => {
  dir = tmpDir('redub-dub-');
  dubs.long = await makeSpeech(
    'es',
    'Hola, buenos días a todos. Esta es una prueba del doblaje en español, con una frase bastante larga para superar la duración del vídeo original.',
    join(dir, 'largo.wav'),
  );
  dubs.short = await makeSpeech('es', 'Hola, ¿qué tal?', join(dir, 'corto.wav'));
  for (const k of ['long', 'short'] as const) {
    dubLength[k] = Number((await ffprobeJson(dubs[k])).format.duration);
    dubPcm[k] = await decodeMono(dubs[k], RATE);
  }
  // The cases below rely on one dub being longer and one shorter than the 5 s video.
  expect(dubLength.long).toBeGreaterThan(6);
  expect(dubLength.short).toBeLessThan(3);
});

afterAll(() => removeDir(dir));

interface Case {
  policy: DurationPolicy;
  dub: 'long' | 'short';
  offset: number;
}

/** What the policy promises, computed here independently of the engine. */
function expected(c: Case): { video: number; audio: number } {
  const video = SOURCE_FRAMES / FPS;
  const dubEnd = c.offset + dubLength[c.dub];
  if (c.policy === 'pad-video' && dubEnd > video) {
    const padded = Math.ceil(dubEnd * FPS) / FPS;
    return { video: padded, audio: padded };
  }
  if (c.policy === 'cut') return { video, audio: Math.min(video, dubEnd) };
  return { video, audio: video };
}

async function dub(c: Case, name: string): Promise<string> {
  const out = join(dir, `${name}.mp4`);
  const r = await runCli([
    'dub',
    '--lipsync',
    'none',
    '--video',
    VIDEO,
    '--audio',
    dubs[c.dub],
    '--out',
    out,
    '--offset',
    String(c.offset),
    '--policy',
    c.policy,
    '--json',
  ]);
  expect(r.stderr).not.toMatch(/error/i);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout).out).toBe(out);
  return out;
}

async function checkLengths(out: string, c: Case): Promise<void> {
  const info = await ffprobeJson(out);
  const v = info.streams.find((s) => s.codec_type === 'video')!;
  const a = info.streams.find((s) => s.codec_type === 'audio')!;
  expect(v.codec_name).toBe('h264');
  expect(a.codec_name).toBe('aac');
  const want = expected(c);
  expect(Math.abs(Number(v.nb_frames) / FPS - want.video)).toBeLessThanOrEqual(FRAME + 1e-6);
  expect(Math.abs(Number(v.duration) - want.video)).toBeLessThanOrEqual(FRAME + 1e-6);
  expect(Math.abs(Number(a.duration) - want.audio)).toBeLessThanOrEqual(FRAME + 1e-6);
}

async function checkAudioIsDub(out: string, c: Case): Promise<void> {
  const pcm = await decodeMono(out, RATE);
  expect(nccAt(pcm, dubPcm[c.dub], c.offset, RATE)).toBeGreaterThanOrEqual(0.9);
  // Before a positive offset the dub has not started: silence, not the original soundtrack.
  if (c.offset > 0.2) {
    const head = pcm.subarray(0, Math.floor((c.offset - 0.05) * RATE));
    expect(Math.max(...head.map(Math.abs))).toBeLessThan(1e-3);
  }
}

async function checkFrames(out: string, c: Case): Promise<void> {
  const p = await psnr(out, VIDEO);
  expect(p.frames).toBe(SOURCE_FRAMES);
  expect(p.average).toBeGreaterThanOrEqual(40);
  expect(p.min).toBeGreaterThanOrEqual(35);
  if (expected(c).video > SOURCE_FRAMES / FPS) {
    // pad-video holds the last source frame: the final output frame looks like it.
    const last = await extractFrameRgb(out, Math.round(expected(c).video * FPS) - 1);
    const ref = await extractFrameRgb(VIDEO, SOURCE_FRAMES - 1);
    let err = 0;
    for (let i = 0; i < ref.length; i++) err += (last[i] - ref[i]) ** 2;
    const db = 10 * Math.log10((255 * 255) / Math.max(1e-9, err / ref.length));
    expect(db).toBeGreaterThanOrEqual(38);
  }
}

// Every policy with a dub longer and one shorter than the video; offsets positive (also one
// off the millisecond grid, as an editor timeline gives), zero and negative (the dub's head is cut).
const CASES: Case[] = [
  { policy: 'cut', dub: 'long', offset: 0 },
  { policy: 'cut', dub: 'short', offset: 2 },
  { policy: 'pad-video', dub: 'long', offset: 1.23456 },
  { policy: 'pad-video', dub: 'short', offset: 0 },
  { policy: 'pad-audio', dub: 'long', offset: -0.5 },
  { policy: 'pad-audio', dub: 'short', offset: 0 },
];

describe('redub dub on talk3.mp4 with a Spanish espeak-ng dub', () => {
  it.each(CASES)('$policy, $dub dub, offset $offset s: length, audio and frames', async (c) => {
    const out = await dub(c, `${c.policy}-${c.dub}-${c.offset}`);
    expect(await decodeErrors(out)).toBe('');
    await checkLengths(out, c);
    await checkAudioIsDub(out, c);
    await checkFrames(out, c);
  });
});

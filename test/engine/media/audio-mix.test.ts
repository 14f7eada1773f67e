/**
 * The compiled mix, run through real ffmpeg, puts each clip's energy where and as loud as
 * asked: tones of distinct frequencies make every source measurable on its own.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileAudioMix, type AudioMix } from '../../../main/engine/media/audio-mix';
import { ffmpeg, removeDir, tmpDir } from '../../helpers/media';
import { dbToGain, toneAmplitude } from '../../helpers/signal';

const RATE = 48000;
const WIN = 0.05; // 50 ms: a whole number of periods of every tone below, so no leakage
let dir: string;
let left: Float32Array;

async function tone(name: string, freq: number, seconds: number): Promise<string> {
  const out = join(dir, name);
  await ffmpeg(['-f', 'lavfi', '-i', `sine=frequency=${freq}:sample_rate=${RATE}:duration=${seconds}`, out]);
  return out;
}

/** Renders a mix to stereo float PCM and keeps the left channel. */
async function render(mix: AudioMix): Promise<Float32Array> {
  const c = compileAudioMix(mix, 0);
  const args = c.inputs.flatMap((i) => ['-i', i]);
  const pcm = await ffmpeg([
    ...args,
    '-filter_complex',
    c.filter,
    '-map',
    `[${c.label}]`,
    '-f',
    'f32le',
    '-ac',
    '2',
    '-ar',
    String(RATE),
    'pipe:1',
  ]);
  const stereo = new Float32Array(pcm.buffer, pcm.byteOffset, pcm.length >> 2);
  return stereo.filter((_, i) => i % 2 === 0);
}

/** Amplitude of `freq` in the 50 ms window starting at `t` seconds. */
function amp(freq: number, t: number): number {
  const from = Math.round(t * RATE);
  return toneAmplitude(left, freq, RATE, from, from + Math.round(WIN * RATE));
}

beforeAll(async () => {
  dir = tmpDir('redub-mix-');
  const [original, a, b, c] = await Promise.all([
    tone('original.wav', 200, 3),
    tone('a.wav', 1000, 0.5),
    tone('b.wav', 3000, 0.5),
    tone('c.wav', 600, 0.5),
  ]);
  left = await render({
    clips: [
      { file: a, start: 0.5 },
      { file: b, start: 1.75, gainDb: -6 },
      // Starts before the output: its first 0.25 s are cut, the rest plays at 0.
      { file: c, start: -0.25 },
    ],
    original: { file: original, gainDb: -12 },
    duration: 3,
    padSilence: true,
  });
});

afterAll(() => removeDir(dir));

describe('audio mix', () => {
  it('lasts exactly the requested duration', () => {
    expect(left.length).toBe(3 * RATE);
  });

  it('places each clip at its offset and nowhere else', () => {
    // Windows well inside / well outside each clip (a 20 ms margin around the edges).
    const inside = (t: number, from: number, to: number) => t >= from + 0.02 && t + WIN <= to - 0.02;
    const outside = (t: number, from: number, to: number) => t + WIN <= from - 0.02 || t >= to + 0.02;
    const clips = [
      { freq: 1000, from: 0.5, to: 1.0 },
      { freq: 3000, from: 1.75, to: 2.25 },
      { freq: 600, from: 0, to: 0.25 },
    ];
    const ref = amp(1000, 0.7);
    expect(ref).toBeGreaterThan(0.05);
    for (let t = 0; t + WIN <= 3; t += WIN) {
      for (const c of clips) {
        if (inside(t, c.from, c.to)) expect(amp(c.freq, t), `${c.freq} Hz at ${t.toFixed(2)} s`).toBeGreaterThan(ref * 0.25);
        if (outside(t, c.from, c.to)) expect(amp(c.freq, t), `${c.freq} Hz at ${t.toFixed(2)} s`).toBeLessThan(ref * 0.01);
      }
    }
  });

  it('applies clip gains and ducks the original under the dub', () => {
    // All tones come from equally loud sources, so levels compare to the 0 dB clip directly.
    const ref = amp(1000, 0.7);
    expect(amp(3000, 1.95) / ref).toBeCloseTo(dbToGain(-6), 2);
    expect(amp(600, 0.1) / ref).toBeCloseTo(1, 2);
    for (const t of [0.3, 1.3, 2.0, 2.8]) expect(amp(200, t) / ref).toBeCloseTo(dbToGain(-12), 2);
  });

  it('without an original track, only the clips sound; with no clip, silence', async () => {
    const a = join(dir, 'a.wav');
    left = await render({ clips: [{ file: a, start: 1 }], duration: 2, padSilence: true });
    expect(left.length).toBe(2 * RATE);
    expect(amp(200, 0.3)).toBeLessThan(1e-4);
    expect(amp(1000, 1.2)).toBeGreaterThan(0.05);
    // Silence until the clip starts, but for the true-peak limiter's resampling filter, whose
    // ringing reaches 0.65 ms (31 samples) ahead of an onset, below -80 dB.
    expect(Math.max(...left.subarray(0, RATE - 48).map(Math.abs))).toBe(0);
    expect(Math.max(...left.subarray(RATE - 48, RATE - 2).map(Math.abs))).toBeLessThan(1e-3);
    left = await render({ clips: [], duration: 0.5, padSilence: true });
    expect(left.length).toBe(0.5 * RATE);
    expect(Math.max(...left.map(Math.abs))).toBe(0);
  });
});

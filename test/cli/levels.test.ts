/**
 * Levels: an 8-channel 96 kHz dub, loud in every channel, folds down to stereo without adding up
 * past full scale, and the output stays under -1 dBTP with no clipped sample; `probe` reports
 * the dub's loudness. Measured here with ffmpeg's own ebur128, independently of the engine.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { ffmpeg, removeDir, run, sharedMedia, tmpDir } from '../helpers/media';

let dir: string;
let dub71: string;

/** Integrated loudness (LUFS) and true peak (dBTP) of a file's first audio stream. */
async function r128(path: string): Promise<{ i: number; tp: number }> {
  const r = await run('ffmpeg', ['-hide_banner', '-nostats', '-i', path, '-map', '0:a:0', '-af', 'ebur128=peak=true', '-f', 'null', '-']);
  const summary = r.stderr.slice(r.stderr.lastIndexOf('Summary:'));
  return { i: Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)![1]), tp: Number(/Peak:\s+(-?[\d.]+) dBFS/.exec(summary)![1]) };
}

beforeAll(async () => {
  dir = tmpDir('redub-levels-');
  // Real speech raised close to full scale (true peak -0.4 dBTP, no sample clipped), the same
  // in the three front channels and a little lower in the four surrounds: a loud 7.1 stem,
  // 96 kHz, 24 bit. Folded down by plain addition, it reaches +8 dBFS.
  dub71 = join(dir, 'dub-7.1.wav');
  const mono = 'pan=mono|c0=0.5*c0+0.5*c1,volume=7.9dB';
  const pan = 'pan=7.1|FL=c0|FR=c0|FC=c0|LFE=0.5*c0|BL=0.8*c0|BR=0.8*c0|SL=0.8*c0|SR=0.8*c0';
  await ffmpeg(['-i', sharedMedia('speech1.wav'), '-af', `${mono},aresample=96000,${pan}`, '-c:a', 'pcm_s24le', dub71]);
});

afterAll(() => removeDir(dir));

describe('levels of a multichannel dub', () => {
  it('8 channels at 96 kHz: output true peak ≤ -1 dBTP, no clipping, level close to the source', async () => {
    const source = await r128(dub71);
    expect(source.tp).toBeGreaterThan(-1); // the case: a dub at full scale
    const out = join(dir, 'out.mp4');
    const r = await runCli([
      'dub',
      '--lipsync',
      'none',
      '--preset',
      'ultrafast',
      '--video',
      sharedMedia('talk3.mp4'),
      '--audio',
      dub71,
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const level = await r128(out);
    expect(level.tp).toBeLessThanOrEqual(-1);
    // Held at the ceiling, not turned down: within 2 dB of it.
    expect(level.tp).toBeGreaterThan(-3.5);
    // Every sample of both channels, as decoded (a mono downmix would hide or invent overs).
    const raw = await ffmpeg(['-i', out, '-map', '0:a:0', '-f', 'f32le', 'pipe:1']);
    const pcm = new Float32Array(raw.buffer, raw.byteOffset, raw.length >> 2);
    expect(pcm.length).toBeGreaterThan(48000 * 4);
    expect(pcm.filter((x) => Math.abs(x) >= 1).length, 'clipped samples').toBe(0);
    // Never louder than the source (before: 8 dB louder, clipping).
    expect(level.i).toBeLessThan(source.i);
  });

  it('probe reports the dub loudness: integrated LUFS and true peak', async () => {
    const r = await runCli(['probe', '--json', dub71]);
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout);
    const ours = await r128(dub71);
    expect(info.audio[0]).toMatchObject({ channels: 8, sampleRate: 96000 });
    expect(info.loudness.integratedLufs).toBeCloseTo(ours.i, 1);
    expect(info.loudness.truePeakDbtp).toBeCloseTo(ours.tp, 1);
    const text = await runCli(['probe', dub71]);
    expect(text.stdout).toMatch(/loudness #0 -?[\d.]+ LUFS integrated, true peak -?[\d.]+ dBTP/);
  });
});

/**
 * A dub clip's mismatch policy, applied by the engine in an export: three clips of one track,
 * each in its slot (until the next clip starts, the last one until the video ends). Stretch
 * time-fits a 3 s tone into its 2 s slot keeping its pitch; cut stops a 2.5 s tone where the
 * next clip starts; pad plays a short one whole and leaves silence. Also each stretcher alone
 * (rubberband, and atempo chained for a factor beyond 2).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLanguage } from '../../../main/engine/export/export-language';
import { enqueueExports } from '../../../main/engine/jobs/enqueue';
import { exportRequestFor } from '../../../main/engine/jobs/job-request';
import { fitToSlots, slotEnds, type PlacedClip } from '../../../main/engine/media/clip-fit';
import { renderMixToWav } from '../../../main/engine/media/render-mix';
import { addDub, createProject } from '../../../main/engine/project/create-project';
import { decodeMono, ffmpeg, removeDir, tmpDir } from '../../helpers/media';
import { dominantFrequency, toneAmplitude } from '../../helpers/signal';

const RATE = 16000;
const FRAME = 1 / 25;
const dir = tmpDir('redub-clip-fit-');
const tone = async (name: string, freq: number, seconds: number) => {
  const path = join(dir, `${name}.wav`);
  await ffmpeg(['-f', 'lavfi', '-i', `sine=f=${freq}:d=${seconds}:r=48000`, '-ac', '1', path]);
  return path;
};

/** [first, last] second (20 ms steps, 40 ms windows) where `freq` is the loudest of `freqs` and audible. */
function span(pcm: Float32Array, freq: number, freqs: number[]): [number, number] {
  const win = 0.04 * RATE;
  const hits: number[] = [];
  for (let at = 0; at + win <= pcm.length; at += 0.02 * RATE) {
    const amps = freqs.map((f) => toneAmplitude(pcm, f, RATE, at, at + win));
    const mine = amps[freqs.indexOf(freq)];
    if (mine > 0.05 && mine === Math.max(...amps)) hits.push(at / RATE);
  }
  return [hits[0], hits.at(-1)! + 0.04];
}

afterAll(() => removeDir(dir));

describe('slots', () => {
  it('run to the next clip of the same track, the last one to the output end', () => {
    const clips: PlacedClip[] = [
      { file: 'a', start: 0, track: 'anna', mismatch: 'cut' },
      { file: 'b', start: 1, track: 'ben', mismatch: 'cut' },
      { file: 'c', start: 2, track: 'anna', mismatch: 'stretch' },
      { file: 'd', start: 2.5, track: 'ben', mismatch: 'pad' },
    ];
    expect(slotEnds(clips, 5)).toEqual([2, 2.5, 5, 5]);
    const fitted = fitToSlots(clips, [3, 1, 2, 4], 5, 'atempo');
    expect(fitted.map((c) => c.fit)).toEqual([
      { mode: 'cut', length: 2 },
      undefined, // shorter than its slot: nothing to cut
      { mode: 'stretch', length: 3, tempo: 2 / 3, stretcher: 'atempo' },
      undefined, // pad plays whole
    ]);
    expect(fitted[0]).not.toHaveProperty('track');
  });
});

describe('dub clips fitted to their slots', () => {
  let pcm: Float32Array;

  beforeAll(async () => {
    const video = join(dir, 'video.mp4');
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc=s=160x120:r=25:d=4', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', video]);
    const [a, b, c] = [await tone('a', 1000, 3), await tone('b', 600, 2.5), await tone('c', 800, 0.5)];
    const store = await createProject({ path: join(dir, 'fit.redub'), video, dubs: [{ language: 'es', file: a }] });
    await addDub(store, { language: 'es', file: b, offset: 2 });
    await addDub(store, { language: 'es', file: c, offset: 3 });
    const [ca, cb, cc] = store.clips.list(store.tracks.list('es')[0].id);
    store.clips.update(ca.id, { mismatch: 'stretch' });
    store.clips.update(cb.id, { mismatch: 'cut' });
    store.clips.update(cc.id, { mismatch: 'pad' });
    const [job] = await enqueueExports(store, { outDir: dir, settings: { format: 'mp4', lipsync: 'none' } });
    const out = await exportLanguage(exportRequestFor(store, job));
    await store.close();
    pcm = await decodeMono(out.out, RATE);
  }, 120_000);

  it('stretch: the 3 s clip fills its 2 s slot, within one frame, at its own pitch', () => {
    const [from, to] = span(pcm, 1000, [1000, 600, 800]);
    expect(Math.abs(from - 0)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(to - 2)).toBeLessThanOrEqual(FRAME);
    // Speeding a 1000 Hz tone up 1.5× by resampling would make it 1500 Hz.
    expect(Math.abs(dominantFrequency(pcm, RATE, 0.2 * RATE, 1.8 * RATE) - 1000)).toBeLessThan(5);
  });

  it('cut: the 2.5 s clip stops where the next one starts; pad: a short clip plays whole, then silence', () => {
    const [bFrom, bTo] = span(pcm, 600, [1000, 600, 800]);
    expect(Math.abs(bFrom - 2)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(bTo - 3)).toBeLessThanOrEqual(FRAME);
    const [cFrom, cTo] = span(pcm, 800, [1000, 600, 800]);
    expect(Math.abs(cFrom - 3)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(cTo - 3.5)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(dominantFrequency(pcm, RATE, 2.2 * RATE, 2.8 * RATE) - 600)).toBeLessThan(5);
    expect(Math.max(...pcm.subarray(3.6 * RATE, 3.95 * RATE).map(Math.abs))).toBeLessThan(1e-3);
  });

  it.each([
    ['rubberband', 0.75, 4],
    ['atempo', 2.5, 1.2],
  ] as const)('%s alone: tempo %s fits a 3 s tone into %s s, pitch kept', async (stretcher, tempo, length) => {
    const a = join(dir, 'a.wav');
    const out = join(dir, `${stretcher}.wav`);
    await renderMixToWav(
      { clips: [{ file: a, start: 0, fit: { mode: 'stretch', length, tempo, stretcher } }], duration: 5, padSilence: true },
      out,
    );
    const wav = await decodeMono(out, RATE);
    const [from, to] = span(wav, 1000, [1000]);
    expect(from).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(to - length)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(dominantFrequency(wav, RATE, 0.2 * RATE, (length - 0.2) * RATE) - 1000)).toBeLessThan(5);
  });
});

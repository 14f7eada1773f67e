import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { melSpectrogramOfFile } from '../../../main/engine/audio-features/mel';
import { speechFeatures } from '../../../main/engine/lipsync/builtin/speech-features';
import { ffmpeg, makeSpeech, removeDir, tmpDir } from '../../helpers/media';

const dir = tmpDir('redub-speech-');
const speechWithPause = join(dir, 'pause.wav');

beforeAll(async () => {
  const a = await makeSpeech('es', 'Buenos días a todos.', join(dir, 'a.wav'));
  const b = await makeSpeech('es', 'Gracias por venir hoy.', join(dir, 'b.wav'));
  // speech, 1.5 s of digital silence, speech
  await ffmpeg([
    '-i',
    a,
    '-f',
    'lavfi',
    '-t',
    '1.5',
    '-i',
    'anullsrc=r=22050:cl=mono',
    '-i',
    b,
    '-filter_complex',
    '[0:a][1:a][2:a]concat=n=3:v=0:a=1',
    '-ar',
    '16000',
    speechWithPause,
  ]);
});
afterAll(() => removeDir(dir));

describe('speech features for unit selection', () => {
  it('marks the pause as silence and the words as speech', async () => {
    const mel = await melSpectrogramOfFile(speechWithPause);
    const fps = 25;
    const count = Math.floor((mel.frames / 80) * fps);
    const f = speechFeatures(mel, fps, count);
    expect(f.frames).toHaveLength(count);
    expect(f.frames[0]).toHaveLength(27);
    const a = (await melSpectrogramOfFile(join(dir, 'a.wav'))).frames / 80;
    // The middle of the pause is silent; the middle of the first phrase is speech.
    const pauseMid = Math.round((a + 0.75) * fps);
    expect(f.silent.slice(pauseMid - 5, pauseMid + 5).every((s) => s === 1)).toBe(true);
    const speechMid = Math.round((a / 2) * fps);
    expect(f.silent[speechMid]).toBe(0);
    const silentShare = f.silent.reduce((s, v) => s + v, 0) / count;
    expect(silentShare).toBeGreaterThan(0.2);
    expect(silentShare).toBeLessThan(0.7);
  });

  it('normalises per speaker: every dimension has zero mean and unit variance', async () => {
    const mel = await melSpectrogramOfFile(speechWithPause);
    const f = speechFeatures(mel, 25, 100);
    for (const d of [0, 5, 13, 26]) {
      const col = f.frames.map((r) => r[d]);
      const mean = col.reduce((s, v) => s + v, 0) / col.length;
      const variance = col.reduce((s, v) => s + (v - mean) ** 2, 0) / col.length;
      expect(Math.abs(mean)).toBeLessThan(1e-4);
      expect(variance).toBeCloseTo(1, 3);
    }
  });

  it('shifts by the dub offset: frames before the dub starts are silence', async () => {
    const mel = await melSpectrogramOfFile(join(dir, 'a.wav'));
    const f = speechFeatures(mel, 25, 75, 1.0);
    expect(f.silent.slice(0, 20).every((s) => s === 1)).toBe(true);
    expect(f.silent.slice(30, 45).some((s) => s === 0)).toBe(true);
  });
});

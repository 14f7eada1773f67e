/**
 * The one-face case is unchanged by speakers: a one-face video whose dub is put on its one
 * speaker (the multi-speaker stage, as a project whose clip names a speaker renders) gives the
 * same frames as the plain built-in lip-sync stage on the same input.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDub } from '../../../main/engine/dub/dub';
import { analyzeSpeakers } from '../../../main/engine/speakers/analyze-speakers';
import { ffmpeg, makeSpeech, psnr, readAllFramesHash, sharedMedia, tmpDir } from '../../helpers/media';
import { useFaceEnv } from '../face/face-env';
import { TEST_ENCODE } from './two-faces';

describe('one face: speakers path = built-in lip-sync', () => {
  it('the same frames (PSNR ≥ 50 dB), and the dub does change the mouth', async () => {
    useFaceEnv('redub-one-face-cache-');
    const dir = tmpDir('redub-one-face-');
    const video = join(dir, 'talk3-3s.mp4');
    await ffmpeg(['-i', sharedMedia('talk3.mp4'), '-t', '3', ...TEST_ENCODE, video]);
    const audio = await makeSpeech('es', 'Hola a todos, buenos días', join(dir, 'es.wav'));
    const [speaker] = (await analyzeSpeakers(video)).speakers;
    const plain = join(dir, 'plain.mp4');
    const spoken = join(dir, 'speaker.mp4');
    await runDub({ video, audio, out: plain, lipsync: { engine: 'builtin' } });
    await runDub({
      video,
      audio,
      out: spoken,
      lipsync: { engine: 'builtin', speakers: [{ speaker: speaker.id, audioPath: audio, offset: 0 }] },
    });
    const same = await psnr(spoken, plain);
    const dubbed = await psnr(plain, video);
    const [a, b] = [await readAllFramesHash(plain), await readAllFramesHash(spoken)];
    const identical = a.filter((h, i) => h === b[i]).length;
    console.info(
      `one face (${speaker.id}): speakers path vs built-in PSNR min ${same.min.toFixed(1)} dB over ${same.frames} frames, ` +
        `${identical}/${a.length} frames byte-identical; built-in vs source min ${dubbed.min.toFixed(1)} dB`,
    );
    expect(a.length).toBe(b.length);
    expect(same.min).toBeGreaterThanOrEqual(50);
    expect(dubbed.min).toBeLessThan(45);
  }, 300_000);
});

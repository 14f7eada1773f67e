import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeVideo } from '../../../main/engine/face/analyze';
import { MouthBank } from '../../../main/engine/lipsync/builtin/mouth-bank';
import { PreviewCache } from '../../../main/engine/preview/preview-cache';
import { ffmpeg, sharedMedia, tmpDir } from '../../helpers/media';
import { useFaceEnv } from '../face/face-env';

/**
 * The editor's bug: the preview warm-up and an export built the same mouth bank at once on a
 * fresh cache, and the second rename of "<bank>.partial-PID" failed with ENOENT.
 */
describe('mouth bank on a fresh cache', () => {
  it('preview warm-up and an export asking at once share one build and both read it', async () => {
    const cacheDir = useFaceEnv('redub-bank-race-');
    const clip = join(tmpDir('redub-bank-race-media-'), 'talk3-3s.mp4');
    await ffmpeg(['-i', sharedMedia('talk3.mp4'), '-t', '3', '-an', '-c:v', 'libx264', '-crf', '14', clip]);
    const track = await analyzeVideo(clip);
    // The warm-up's path (PreviewCache) and the export stage's path (MouthBank.load) at once.
    const preview = new PreviewCache();
    const [a, b, warm] = await Promise.all([
      MouthBank.load(clip, track),
      MouthBank.load(clip, track),
      preview.lipsync(clip, sharedMedia('speech1.wav'), 0),
    ]);
    expect(warm.bank.has(track.frames.findIndex((_, i) => a.has(i)))).toBe(true);
    const first = [...Array(track.frames.length).keys()].find((i) => a.has(i))!;
    expect(await a.read(first)).toEqual(await b.read(first));
    await Promise.all([a.close(), b.close(), preview.close()]);
    const banks = readdirSync(join(cacheDir, 'mouth-banks'));
    expect(banks.filter((n) => n.endsWith('.bank'))).toHaveLength(1);
    // Nothing half-made left: no partials, no locks.
    expect(banks.filter((n) => !n.endsWith('.bank'))).toEqual([]);
  }, 120_000);
});

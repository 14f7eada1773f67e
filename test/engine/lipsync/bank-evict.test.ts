import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clearCache, enforceCacheLimit } from '../../../main/engine/cache/cache-store';
import { analyzeVideo } from '../../../main/engine/face/analyze';
import { MouthBank } from '../../../main/engine/lipsync/builtin/mouth-bank';
import { ffmpeg, sharedMedia, tmpDir } from '../../helpers/media';
import { useFaceEnv } from '../face/face-env';

/** The cache cap may remove a project's bank between two sessions: it is rebuilt, identically. */
describe('a mouth bank evicted from the capped cache', () => {
  it('is kept while open, and rebuilt with identical frames after eviction', async () => {
    const cacheDir = useFaceEnv('redub-bank-evict-');
    const clip = join(tmpDir('redub-bank-evict-media-'), 'talk3-2s.mp4');
    await ffmpeg(['-i', sharedMedia('talk3.mp4'), '-t', '2', '-an', '-c:v', 'libx264', '-crf', '14', clip]);
    const track = await analyzeVideo(clip);
    const bank = await MouthBank.load(clip, track);
    const frames = [...Array(track.frames.length).keys()].filter((i) => bank.has(i));
    const picks = [frames[0], frames[Math.floor(frames.length / 2)], frames[frames.length - 1]];
    const first = await Promise.all(picks.map((i) => bank.read(i)));
    const dir = join(cacheDir, 'mouth-banks');
    const entries = () => readdirSync(dir).filter((n) => n.endsWith('.bank'));
    expect(entries()).toHaveLength(1);
    // Open (pinned): neither the cap nor `cache clear` removes it.
    await enforceCacheLimit(0, cacheDir);
    await clearCache('mouth-banks', cacheDir);
    expect(entries()).toHaveLength(1);
    await bank.close();
    expect((await clearCache('mouth-banks', cacheDir)).length).toBe(1);
    expect(existsSync(dir) && entries()).toEqual([]);
    const again = await MouthBank.load(clip, track);
    expect(entries()).toHaveLength(1);
    const second = await Promise.all(picks.map((i) => again.read(i)));
    await again.close();
    for (let k = 0; k < picks.length; k++) expect(Buffer.compare(Buffer.from(second[k]), Buffer.from(first[k]))).toBe(0);
  }, 180_000);
});

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { RepeatDetector } from '../../../main/engine/scenes/repeat-detector';
import { readFrames } from '../../../main/engine/media/frame-reader';
import { probeVideo } from '../../../main/engine/media/probe';
import { ffmpeg, sharedMedia, tmpDir } from '../../helpers/media';

async function repeatsOf(path: string, maxFrames: number): Promise<number[]> {
  const { video } = await probeVideo(path);
  const d = new RepeatDetector();
  for await (const f of readFrames(path, video, { maxFrames })) d.push(f);
  return d.repeats;
}

describe('repeated pictures', () => {
  it('finds the frame-rate conversion duplicates of talk5 and none in talk3', async () => {
    // talk5's duplicates (frame-rate conversion): their largest 16-px block change is ≤ 3.1 grey levels, a real change's ≥ 9.
    expect(await repeatsOf(sharedMedia('talk5.mp4'), 50)).toEqual([5, 10, 19, 29, 32, 35, 40, 45]);
    expect(await repeatsOf(sharedMedia('talk3.mp4'), 50)).toEqual([]);
  });

  it('finds every frame ffmpeg duplicated converting 25 to 30 fps, and only those', async () => {
    const out = join(tmpDir('redub-repeats-'), 'talk3-30fps.mp4');
    await ffmpeg(['-i', sharedMedia('talk3.mp4'), '-t', '1', '-vf', 'fps=30', '-an', '-c:v', 'libx264', '-crf', '18', out]);
    const found = await repeatsOf(out, 30);
    // 25 → 30 fps shows every 5th input picture twice: 5 duplicates in 30 frames, 6 frames apart.
    expect(found).toHaveLength(5);
    expect(found.slice(1).map((f, i) => f - found[i])).toEqual([6, 6, 6, 6]);
  });
});

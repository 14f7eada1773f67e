/** readFrames against frames ffmpeg extracts on its own: same pixels, right index, rotation applied. */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFrames, type FrameReaderOptions } from '../../../main/engine/media/frame-reader';
import { probeVideo, type VideoStreamInfo } from '../../../main/engine/media/probe';
import type { VideoFrame } from '../../../main/engine/pipeline/frame';
import { extractFrameRgb, extractFramesRgb, ffmpeg, readAllFramesHash, removeDir, sharedMedia, tmpDir } from '../../helpers/media';

const TALK3 = sharedMedia('talk3.mp4');
let dir: string;
let talk3: VideoStreamInfo;

async function collect(path: string, v: VideoStreamInfo, o: FrameReaderOptions = {}): Promise<VideoFrame[]> {
  const out: VideoFrame[] = [];
  for await (const f of readFrames(path, v, o)) out.push(f);
  return out;
}

/** Mean RGB of a band of rows [from, to) of a frame. */
function bandColour(f: VideoFrame, from: number, to: number): number[] {
  const sum = [0, 0, 0];
  for (let y = from; y < to; y++) {
    for (let x = 0; x < f.width; x++) for (let c = 0; c < 3; c++) sum[c] += f.data[(y * f.width + x) * 3 + c];
  }
  return sum.map((s) => s / ((to - from) * f.width));
}

beforeAll(async () => {
  dir = tmpDir('redub-reader-');
  talk3 = (await probeVideo(TALK3)).video;
});

afterAll(() => removeDir(dir));

describe('frame reader', () => {
  it('yields every frame of talk3.mp4, identical to what ffmpeg decodes', async () => {
    const expected = await readAllFramesHash(TALK3);
    const frames = await collect(TALK3, talk3);
    expect(frames.map((f) => createHash('md5').update(f.data).digest('hex'))).toEqual(expected);
    expect(frames.map((f) => f.index)).toEqual(expected.map((_, i) => i));
  });

  it.each([2, 1.29, 3.5])('from start %s s yields the frame ffmpeg shows at that time', async (start) => {
    const frames = await collect(TALK3, talk3, { start, maxFrames: 3 });
    expect(frames).toHaveLength(3);
    // The first frame shown at or after `start` (frames sit at i / 25 s).
    const first = Math.ceil(start * 25 - 1e-9);
    const reference = await extractFramesRgb(TALK3, first, 3);
    for (const [k, f] of frames.entries()) {
      expect(f.index).toBe(first + k);
      expect(f.time).toBeCloseTo((first + k) / 25, 9);
      expect(Buffer.from(f.data).equals(reference[k])).toBe(true);
    }
  });

  it('applies rotation metadata: frames come out in the displayed size and orientation', async () => {
    // Left half red, right half blue, stored 320x180, tagged as rotated.
    const plain = join(dir, 'halves.mp4');
    const rotated = join(dir, 'halves-rotated.mp4');
    await ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'color=red:s=160x180:r=25:d=0.2',
      '-f',
      'lavfi',
      '-i',
      'color=blue:s=160x180:r=25:d=0.2',
      '-filter_complex',
      '[0:v][1:v]hstack[v]',
      '-map',
      '[v]',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      plain,
    ]);
    await ffmpeg(['-i', plain, '-c', 'copy', '-metadata:s:v', 'rotate=90', rotated]);
    const v = (await probeVideo(rotated)).video;
    const frames = await collect(rotated, v, { maxFrames: 1 });
    expect(frames[0]).toMatchObject({ width: 180, height: 320 });
    expect(frames[0].data.length).toBe(180 * 320 * 3);
    expect(Buffer.from(frames[0].data).equals(await extractFrameRgb(rotated, 0))).toBe(true);
    // probe's rotation is clockwise: 90° puts the left (red) half on top, 270° at the bottom.
    const top = bandColour(frames[0], 10, 150);
    const bottom = bandColour(frames[0], 170, 310);
    const [upper, lower] = v.rotation === 90 ? [top, bottom] : [bottom, top];
    expect(upper[0]).toBeGreaterThan(200);
    expect(upper[2]).toBeLessThan(50);
    expect(lower[2]).toBeGreaterThan(200);
    expect(lower[0]).toBeLessThan(50);
  });

  it('scales to a requested size', async () => {
    const frames = await collect(TALK3, talk3, { maxFrames: 2, width: 128, height: 96 });
    expect(frames.map((f) => [f.width, f.height, f.data.length])).toEqual([
      [128, 96, 128 * 96 * 3],
      [128, 96, 128 * 96 * 3],
    ]);
  });
});

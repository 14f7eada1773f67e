import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeVideo } from '../../../main/engine/face/analyze';
import { firstAccessUnit } from '../../../main/engine/lipsync/builtin/bank-decoder';
import { MouthBank } from '../../../main/engine/lipsync/builtin/mouth-bank';
import { ffmpeg, sharedMedia, tmpDir } from '../../helpers/media';
import { useFaceEnv } from '../face/face-env';

describe('firstAccessUnit (the padding after a chunk on the warm decoder)', () => {
  it('ends at the first non-IDR slice, or takes a one-frame chunk whole', () => {
    const sc = [0, 0, 0, 1];
    const chunk = Buffer.from([...sc, 0x67, 9, ...sc, 0x68, 9, ...sc, 0x65, 1, 2, ...sc, 0x41, 3, ...sc, 0x41, 4]);
    expect([...firstAccessUnit(chunk)]).toEqual([...sc, 0x67, 9, ...sc, 0x68, 9, ...sc, 0x65, 1, 2]);
    const idrOnly = Buffer.from([...sc, 0x67, 9, ...sc, 0x65, 1]);
    expect(firstAccessUnit(idrOnly).length).toBe(idrOnly.length);
  });
});

describe('random reads of the compact mouth bank (editor scrubbing: no plan announced)', () => {
  it('give exactly the frames a sequential read gives, and the decoded-chunk cap holds', async () => {
    useFaceEnv('redub-bank-random-');
    const clip = join(tmpDir('redub-bank-random-media-'), 'talk3-2s.mp4');
    await ffmpeg(['-i', sharedMedia('talk3.mp4'), '-t', '2', '-an', '-c:v', 'libx264', '-crf', '14', clip]);
    const track = await analyzeVideo(clip);
    const sequential = await MouthBank.load(clip, track);
    const frames = [...Array(track.frames.length).keys()].filter((i) => sequential.has(i));
    sequential.expect(frames);
    const want = new Map<number, Buffer>();
    for (const i of frames) want.set(i, Buffer.from(await sequential.read(i)));
    await sequential.close();
    // A second bank on the same file, capped at two decoded chunks: scattered reads (jumping
    // between chunks, back and forth, a few at once) all go through the warm decoder and the LRU.
    const capped = await MouthBank.load(clip, track, { cacheBytes: 1 });
    expect(capped.decodedChunks.capacity).toBe(2);
    const order = frames.map((_, k) => frames[(k * 17) % frames.length]);
    let maxHeld = 0;
    for (let k = 0; k < order.length; k += 3) {
      const batch = order.slice(k, k + 3);
      const crops = await Promise.all(batch.map((i) => capped.read(i)));
      maxHeld = Math.max(maxHeld, capped.decodedChunks.held);
      batch.forEach((i, j) => expect(Buffer.compare(Buffer.from(crops[j]), want.get(i)!), `frame ${i}`).toBe(0));
    }
    expect(maxHeld).toBeLessThanOrEqual(2);
    // All served by the one warm decoder: none needed an ffmpeg of its own.
    expect(capped.decodedChunks.spawned).toBe(0);
    await capped.close();
  }, 180_000);
});

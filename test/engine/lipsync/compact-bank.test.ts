import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignFace } from '../../../main/engine/compositing';
import { analyzeVideo } from '../../../main/engine/face/analyze';
import { readFrames } from '../../../main/engine/media/frame-reader';
import { probeVideo } from '../../../main/engine/media/probe';
import { plannedDecodes } from '../../../main/engine/lipsync/builtin/bank-chunks';
import { MouthBank } from '../../../main/engine/lipsync/builtin/mouth-bank';
import { mainFaceAt } from '../../../main/engine/lipsync/builtin/plan';
import { ffmpeg, sharedMedia, tmpDir } from '../../helpers/media';
import { useFaceEnv } from '../face/face-env';

function psnr(a: Uint8Array, b: Uint8Array): number {
  let se = 0;
  for (let i = 0; i < a.length; i++) se += (a[i] - b[i]) ** 2;
  return 10 * Math.log10((255 * 255 * a.length) / Math.max(se, 1e-9));
}

describe('plannedDecodes (the chunks a bounded LRU must decode, in order)', () => {
  it('decodes each chunk once while it stays cached, again after it was evicted', () => {
    expect(plannedDecodes([0, 0, 1, 0, 2, 3, 0, 1], 2)).toEqual([0, 1, 2, 3, 0, 1]);
    expect(plannedDecodes([5, 6, 5], 2, [5])).toEqual([6]);
  });
});

describe('the compact mouth bank (H.264 4:4:4 chunks)', () => {
  it('stores ≤ 25 KB a frame, crops within 42 dB of the raw aligned crops, same bytes read in any order', async () => {
    const cacheDir = useFaceEnv('redub-compact-bank-');
    const clip = join(tmpDir('redub-compact-bank-media-'), 'talk3-2s.mp4');
    await ffmpeg(['-i', sharedMedia('talk3.mp4'), '-t', '2', '-an', '-c:v', 'libx264', '-crf', '14', clip]);
    const track = await analyzeVideo(clip);
    const bank = await MouthBank.load(clip, track);
    const frames = [...Array(track.frames.length).keys()].filter((i) => bank.has(i));
    const dir = join(cacheDir, 'mouth-banks');
    const [file] = readdirSync(dir).filter((n) => n.endsWith('.bank'));
    const perFrame = statSync(join(dir, file)).size / frames.length;
    expect(perFrame).toBeLessThanOrEqual(25 * 1024);
    // The raw crop, made as the raw bank made it: aligned at the bank's size, the stored region cut out.
    const g = bank.geometry;
    const picks = new Set([frames[3], frames[20], frames[frames.length - 1]]);
    const raw = new Map<number, Uint8Array>();
    for await (const frame of readFrames(clip, (await probeVideo(clip)).video)) {
      if (!picks.has(frame.index)) continue;
      const { crop } = await alignFace(frame, mainFaceAt(track, frame.index)!.landmarks, 'ffhq_512', g.size);
      const w = (g.x1 - g.x0) * 3;
      const out = new Uint8Array(w * (g.y1 - g.y0));
      for (let y = g.y0; y < g.y1; y++) out.set(crop.data.subarray((y * g.size + g.x0) * 3, (y * g.size + g.x0) * 3 + w), (y - g.y0) * w);
      raw.set(frame.index, out);
    }
    // Unforeseen reads (one decode each), then the same frames announced and read backwards.
    const single = new Map<number, Uint8Array>();
    for (const i of picks) single.set(i, await bank.read(i));
    const order = [...frames].reverse();
    bank.expect(order);
    const announced = new Map<number, Uint8Array>();
    for (const i of order) announced.set(i, await bank.read(i));
    // Announced, then read with every other chunk skipped and all at once (as a batch of paste
    // threads reads): the decoder skips ahead and every crop is still its own frame's.
    bank.expect(frames);
    const sparse = frames.filter((i) => Math.floor(i / 8) % 2 === 0);
    const crops = await Promise.all(sparse.map((i) => bank.read(i)));
    sparse.forEach((i, k) => expect(Buffer.compare(Buffer.from(crops[k]), Buffer.from(announced.get(i)!))).toBe(0));
    await bank.close();
    for (const i of picks) {
      const db = psnr(single.get(i)!, raw.get(i)!);
      console.info(`frame ${i}: ${(perFrame / 1024).toFixed(1)} KB/frame, PSNR ${db.toFixed(1)} dB vs raw`);
      expect(db).toBeGreaterThanOrEqual(42);
      expect(Buffer.compare(Buffer.from(announced.get(i)!), Buffer.from(single.get(i)!))).toBe(0);
    }
  }, 180_000);
});

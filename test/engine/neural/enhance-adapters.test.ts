import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDub } from '../../../main/engine/dub/dub';
import { analyzeVideo } from '../../../main/engine/face';
import type { FaceTrack } from '../../../main/engine/face/types';
import { contrastSlope, faceOvalMask, mouthShift, psnrOutside, readClip, type Clip } from './measure';
import { makeNeuralEnv, type NeuralEnv } from './neural-env';

const FRAMES = 25;
const SIZE = 590;
const BLEND = 0.8;

let env: NeuralEnv;
let track: FaceTrack;
let input: Clip;

beforeAll(async () => {
  env = await makeNeuralEnv(FRAMES / 25);
  track = await analyzeVideo(env.clip);
  input = await readClip(env.clip, FRAMES, SIZE, SIZE);
});

async function dub(name: string, enhance: string, engine = 'none'): Promise<Clip> {
  const out = join(env.dir, `${name}.mp4`);
  await runDub({ video: env.clip, audio: env.dub, out, lipsync: { engine, enhance }, batchSize: 16 });
  return readClip(out, FRAMES, SIZE, SIZE);
}

describe('face enhancement adapters', () => {
  for (const [name, k] of [
    ['gfpgan_1.4', 0.7],
    ['gpen_bfr_256', 0.7],
    ['codeformer', 0.5],
  ] as const) {
    it(`${name}: face oval only, with the fixture's effect inside`, async () => {
      const output = await dub(name, name);
      const db = psnrOutside(output, input, track, (lm, w, h) => faceOvalMask(lm, w, h, 0.1));
      // The fixtures scale the [−1,1] face by k; blended by BLEND, a level v moves by BLEND·(1 − k)·(127.5 − v).
      const slope = contrastSlope(output, input, track);
      console.info(
        `${name}: PSNR outside face oval ${db.toFixed(1)} dB; contrast slope inside ${slope.toFixed(3)} (fixture: ${(BLEND * (1 - k)).toFixed(3)})`,
      );
      expect(db).toBeGreaterThanOrEqual(40);
      expect(slope).toBeCloseTo(BLEND * (1 - k), 1);
    });
  }

  it('runs after lip-sync in one chain (wav2lip_96 + gfpgan_1.4)', async () => {
    const output = await dub('wav2lip-gfpgan', 'gfpgan_1.4', 'wav2lip_96');
    const db = psnrOutside(output, input, track, (lm, w, h) => faceOvalMask(lm, w, h, 0.1));
    expect(db).toBeGreaterThanOrEqual(40);
    // Silence darkens the mouth by about 100 levels; the enhancer then lifts it towards grey.
    expect(mouthShift(output, input, track)[0]).toBeLessThan(-40);
  });

  it('rejects an unknown or missing enhancer before any output exists', async () => {
    await expect(dub('bad', 'nope')).rejects.toThrow(/unknown enhancer "nope"/);
    await expect(dub('missing', 'gpen_bfr_512')).rejects.toMatchObject({
      code: 'MODEL_MISSING',
      message: expect.stringMatching(/gpen_bfr_512 is not installed.*redub models download gpen_bfr_512/),
    });
    expect(existsSync(join(env.dir, 'missing.mp4')) || existsSync(join(env.dir, 'bad.mp4'))).toBe(false);
  });
});

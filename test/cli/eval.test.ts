import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { ffmpeg, sharedMedia, tmpDir } from '../helpers/media';
import { MODELS_DIR, useFaceEnv } from '../engine/face/face-env';

const dir = tmpDir('redub-eval-truth-');
const source = join(dir, 'talk3-2s.mkv');
const reencoded = join(dir, 'talk3-2s-crf28.mp4');
let cacheDir = '';

beforeAll(async () => {
  cacheDir = useFaceEnv('redub-eval-truth-cache-');
  // Two seconds of talk3, lossless, and a plain lossy re-encode of it: same mouth, same face.
  await ffmpeg(['-i', sharedMedia('talk3.mp4'), '-frames:v', '50', '-c:v', 'ffv1', '-c:a', 'pcm_s16le', source]);
  await ffmpeg(['-i', source, '-c:v', 'libx264', '-crf', '28', '-c:a', 'aac', reencoded]);
});

describe('redub eval --truth --reference', () => {
  it('a re-encode of the truth itself: openness r ≈ 1, LMD ≈ 0, the nose in place, ratios ≈ 1', async () => {
    const args = ['eval', '--video', reencoded, '--audio', source, '--reference', source, '--truth', source, '--json'];
    const r = await runCli(args, { REDUB_MODELS_DIR: MODELS_DIR, REDUB_CACHE_DIR: cacheDir });
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    console.info(`talk3 re-encode vs itself: ${JSON.stringify(j)}`);
    expect(j.truth.frames).toBe(50);
    expect(j.truth.opennessCorrelation).toBeGreaterThan(0.95);
    expect(j.truth.opennessBestLag).toBe(0);
    expect(j.truth.lipLandmarkDistance).toBeLessThan(0.5);
    expect(j.noseDriftP95).toBeLessThan(0.6);
    expect(j.psnrOutsideLowerFace).toBeGreaterThan(30);
    expect(j.jitterRatio).toBeGreaterThan(0.7);
    expect(j.jitterRatio).toBeLessThan(1.3);
    expect(j.mouthChangeRatio).toBeGreaterThan(0.85);
    expect(j.mouthChangeRatio).toBeLessThan(1.15);
    expect(j.loudnessBestCorrelation).toBeGreaterThanOrEqual(j.loudnessCorrelation);
    expect(Math.abs(j.loudnessBestLag)).toBeLessThanOrEqual(2);
  });
});

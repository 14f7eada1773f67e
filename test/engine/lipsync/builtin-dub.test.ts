import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateLipSync } from '../../../main/engine/analysis/eval';
import { runCli } from '../../helpers/cli';
import { ffmpeg, ffprobeJson, psnr, sharedMedia, tmpDir } from '../../helpers/media';
import { MODELS_DIR, useFaceEnv } from '../face/face-env';
import { makeDubWithPauses } from './dub-with-pauses';

const dir = tmpDir('redub-builtin-');
let cacheDir = '';
let dub = '';

async function dubBuiltin(video: string, name: string, extra: string[] = []) {
  const out = join(dir, `${name}.mp4`);
  const r = await runCli(['dub', '--video', video, '--audio', dub, '--out', out, '--lipsync', 'builtin', '--json', ...extra], {
    REDUB_MODELS_DIR: MODELS_DIR,
    REDUB_CACHE_DIR: cacheDir,
  });
  return { out, ...r };
}

beforeAll(async () => {
  cacheDir = useFaceEnv('redub-builtin-cache-');
  dub = await makeDubWithPauses(dir);
});

describe('redub dub --lipsync builtin (the speaker’s own mouths)', () => {
  for (const clip of ['talk3', 'talk5']) {
    it(`${clip}: lips follow the Spanish dub (AUC ≥ 0.75) and nothing else changes (PSNR ≥ 38 dB)`, async () => {
      const source = sharedMedia(`${clip}.mp4`);
      const r = await dubBuiltin(source, clip);
      expect(r.code, r.stderr).toBe(0);
      const dubbed = await evaluateLipSync({ video: r.out, audio: dub, reference: source });
      const original = await evaluateLipSync({ video: source, audio: dub });
      console.info(
        `${clip}: AUC dubbed ${dubbed.speechSilenceAuc.toFixed(3)} vs original ${original.speechSilenceAuc.toFixed(3)}, PSNR outside lower face ${dubbed.psnrOutsideLowerFace!.toFixed(1)} dB`,
      );
      expect(dubbed.speechSilenceAuc).toBeGreaterThanOrEqual(0.75);
      expect(dubbed.speechSilenceAuc).toBeGreaterThan(original.speechSilenceAuc + 0.2);
      expect(dubbed.psnrOutsideLowerFace).toBeGreaterThanOrEqual(38);
    });
  }

  it('passes a clip with no face through unchanged', async () => {
    const noFace = join(dir, 'noface.mp4');
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=25:d=2', '-c:v', 'libx264', '-crf', '12', noFace]);
    // Same RGB frame path with a stage that changes nothing: the outputs must be identical.
    const plain = join(dir, 'noface-plain.mp4');
    const env = { REDUB_MODELS_DIR: MODELS_DIR, REDUB_CACHE_DIR: cacheDir };
    expect(
      (await runCli(['dub', '--video', noFace, '--audio', dub, '--out', plain, '--emotion', 'neutral', '--intensity', '0'], env)).code,
    ).toBe(0);
    const r = await dubBuiltin(noFace, 'noface-builtin');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/no face/);
    expect((await psnr(r.out, plain)).min).toBe(100);
    expect((await psnr(r.out, noFace)).average).toBeGreaterThan(40);
  });

  it('holds the last frame and keeps dubbing when the dub outlasts the video (pad-video)', async () => {
    const short = join(dir, 'talk3-3s.mp4');
    await ffmpeg(['-i', sharedMedia('talk3.mp4'), '-t', '3', '-c:v', 'libx264', '-crf', '10', '-an', short]);
    const r = await dubBuiltin(short, 'padded', ['--policy', 'pad-video']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.heldFrames).toBeGreaterThan(50);
    const probe = await ffprobeJson(r.out);
    expect(Number(probe.format.duration)).toBeGreaterThan(6);
  });
});

import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateLipSync } from '../../../main/engine/analysis/eval';
import { psnrOutsideLowerFace } from '../../../main/engine/analysis/reference-psnr';
import { analyzeVideo } from '../../../main/engine/face/analyze';
import { runCli } from '../../helpers/cli';
import { unreachableBase } from '../models/http-fixture';
import { ffmpeg, makeSpeech, sharedMedia, tmpDir } from '../../helpers/media';
import { MODELS_DIR, useFaceEnv } from '../face/face-env';

let cacheDir = '';
const dir = tmpDir('redub-eval-');
const talk3 = sharedMedia('talk3.mp4');
const unrelated: [string, string][] = [
  ['en', 'The weather report says that it will rain tomorrow afternoon, so bring an umbrella and a warm coat.'],
  ['es', 'Hola, buenos días. Hoy vamos a hablar del tiempo y de la lluvia que llega mañana por la tarde.'],
  ['de', 'Guten Morgen. Heute sprechen wir über das Wetter, und morgen Nachmittag kommt der Regen.'],
];

beforeAll(async () => {
  cacheDir = useFaceEnv('redub-eval-cache-');
  await Promise.all(unrelated.map(([lang, text]) => makeSpeech(lang, text, join(dir, `${lang}.wav`))));
});

describe('redub eval on talk3 (audio in sync with the lips)', () => {
  it('separates speech from silence by mouth openness with its own audio (AUC ≥ 0.7)', async () => {
    const r = await evaluateLipSync({ video: talk3, audio: talk3, reference: talk3 });
    console.info(
      `talk3 own audio: AUC ${r.speechSilenceAuc.toFixed(3)}, loudness r ${r.loudnessCorrelation.toFixed(3)}, jitter ${r.landmarkJitter.toFixed(5)}`,
    );
    expect(r.faceFrames).toBe(r.frames);
    expect(r.silentFrames).toBeGreaterThan(3);
    expect(r.speechSilenceAuc).toBeGreaterThanOrEqual(0.7);
    expect(r.loudnessCorrelation).toBeGreaterThan(0.2);
    expect(r.psnrOutsideLowerFace).toBe(Infinity);
  });

  it('is near chance with unrelated espeak-ng tracks (0.3 ≤ AUC ≤ 0.65 for each)', async () => {
    for (const [lang] of unrelated) {
      const r = await evaluateLipSync({ video: talk3, audio: join(dir, `${lang}.wav`) });
      console.info(
        `talk3 + espeak-ng ${lang}: AUC ${r.speechSilenceAuc.toFixed(3)}, loudness r ${r.loudnessCorrelation.toFixed(3)}, silent frames ${r.silentFrames}`,
      );
      expect(r.speechSilenceAuc).toBeGreaterThanOrEqual(0.3);
      expect(r.speechSilenceAuc).toBeLessThanOrEqual(0.65);
    }
  });

  it('measures PSNR outside the lower face only: a mouth-only change leaves it infinite', async () => {
    // One second of talk3, lossless, and the same with a red box over the lips (x 225–305, y 370–400).
    const lossless = join(dir, 'lossless.mkv');
    const edited = join(dir, 'mouth-edited.mkv');
    await ffmpeg(['-i', talk3, '-frames:v', '25', '-c:v', 'ffv1', '-an', lossless]);
    await ffmpeg(['-i', lossless, '-vf', 'drawbox=x=226:y=370:w=80:h=30:color=red:t=fill', '-c:v', 'ffv1', edited]);
    const track = await analyzeVideo(lossless);
    expect(await psnrOutsideLowerFace(edited, lossless, track)).toBe(Infinity);
    // The same box on the forehead is outside the mask, so it counts.
    const forehead = join(dir, 'forehead-edited.mkv');
    await ffmpeg(['-i', lossless, '-vf', 'drawbox=x=226:y=160:w=80:h=30:color=red:t=fill', '-c:v', 'ffv1', forehead]);
    expect(await psnrOutsideLowerFace(forehead, lossless, track)).toBeLessThan(40);
  });

  it('runs as `redub eval --json` and `redub analyze --json`', async () => {
    const env = { REDUB_MODELS_DIR: MODELS_DIR, REDUB_CACHE_DIR: cacheDir };
    const ev = await runCli(['eval', '--video', talk3, '--audio', talk3, '--json'], env);
    expect(ev.stderr).toBe('');
    expect(JSON.parse(ev.stdout).speechSilenceAuc).toBeGreaterThanOrEqual(0.7);
    const an = await runCli(['analyze', talk3, '--json'], env);
    expect(JSON.parse(an.stdout)).toMatchObject({ frames: 125, framesWithFace: 125, mainTrackId: 0, fromCache: true });
  });

  it('fails with one line naming the missing model and the folder searched', async () => {
    const empty = tmpDir('redub-eval-nomodels-');
    // No model, and its first-use download finds no server.
    const env = { REDUB_MODELS_DIR: empty, REDUB_CACHE_DIR: tmpDir('redub-eval-nocache-'), REDUB_MODELS_URL: await unreachableBase() };
    const r = await runCli(['analyze', talk3], env);
    expect(r.code).toBe(1);
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('redub: first use:')),
    ).toHaveLength(1);
    expect(r.stderr).toMatch(/error: .*face_detection_short_range\.onnx/);
    expect(r.stderr).toContain(empty);
  });
});

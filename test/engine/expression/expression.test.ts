import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeVideo } from '../../../main/engine/face';
import { faceHeight } from '../../../main/engine/face/geometry';
import { warpInPlace } from '../../../main/engine/expression/mls-warp';
import { EASE_FRAMES, templateWeightsAt } from '../../../main/engine/expression/schedule';
import { emotionTemplates } from '../../../main/engine/expression/templates';
import { runCli } from '../../helpers/cli';
import { ffmpeg, makeSpeech, psnr, sharedMedia, tmpDir } from '../../helpers/media';
import { MODELS_DIR, useFaceEnv } from '../face/face-env';

const dir = tmpDir('redub-expr-');
let cacheDir = '';
const clip = join(dir, 'talk3-1s.mp4');
const dub = join(dir, 'es.wav');

/** Mean height of the lip centre below the mouth corners, in face heights, over a video. */
async function cornerLift(video: string): Promise<number> {
  const track = await analyzeVideo(video);
  const lifts = track.frames
    .flatMap((f) => f.faces.slice(0, 1))
    .map(({ landmarks: p }) => ((p[3 * 13 + 1] + p[3 * 14 + 1]) / 2 - (p[3 * 61 + 1] + p[3 * 291 + 1]) / 2) / faceHeight(p));
  return lifts.reduce((s, v) => s + v, 0) / lifts.length;
}

async function dubWith(name: string, extra: string[]): Promise<string> {
  const out = join(dir, `${name}.mp4`);
  const r = await runCli(['dub', '--lipsync', 'none', '--video', clip, '--audio', dub, '--out', out, ...extra], {
    REDUB_MODELS_DIR: MODELS_DIR,
    REDUB_CACHE_DIR: cacheDir,
  });
  expect(r.code, r.stderr).toBe(0);
  return out;
}

beforeAll(async () => {
  cacheDir = useFaceEnv('redub-expr-cache-');
  await ffmpeg(['-i', sharedMedia('talk3.mp4'), '-t', '1.2', '-c:v', 'libx264', '-crf', '8', '-c:a', 'aac', clip]);
  await makeSpeech('es', 'Hola a todos.', dub);
});

describe('emotion templates', () => {
  it('ships every template, neutral empty', () => {
    const t = emotionTemplates();
    expect([...t.keys()]).toEqual(['neutral', 'smile', 'sad', 'surprised', 'angry']);
    expect(t.get('neutral')!.points.size).toBe(0);
    expect(t.get('smile')!.points.get(61)![1]).toBeLessThan(0);
  });

  it('eases in and out at segment borders and cross-fades neighbours', () => {
    const spans = [
      { start: 0, end: 2, template: 'neutral' as const, intensity: 1 },
      { start: 2, end: 4, template: 'smile' as const, intensity: 0.8 },
    ];
    expect(templateWeightsAt(spans, 75, 25).smile).toBeCloseTo(0.8);
    expect(templateWeightsAt(spans, 25, 25).smile).toBeUndefined();
    const atBorder = templateWeightsAt(spans, 50, 25);
    expect(atBorder.smile!).toBeGreaterThan(0.2);
    expect(atBorder.smile!).toBeLessThan(0.6);
    expect(templateWeightsAt(spans, 50 - EASE_FRAMES, 25).smile).toBeUndefined();
  });

  it('warps: a control point carries its pixels, the rest of the image stays', () => {
    const [w, h] = [120, 120];
    const img = { width: w, height: h, data: new Uint8Array(w * h * 3) };
    for (let y = 58; y < 62; y++) for (let x = 58; x < 62; x++) img.data.fill(255, (y * w + x) * 3, (y * w + x) * 3 + 3);
    const anchors = [20, 20, 100, 20, 20, 100, 100, 100];
    warpInPlace(
      img,
      { from: Float64Array.from([60, 60, ...anchors]), to: Float64Array.from([60, 52, ...anchors]) },
      { x0: 10, y0: 10, x1: 110, y1: 110 },
    );
    const at = (x: number, y: number) => img.data[(y * w + x) * 3];
    expect(at(60, 52)).toBeGreaterThan(200);
    expect(at(60, 61)).toBeLessThan(60);
    expect(at(5, 5)).toBe(0);
  });

  it('smile raises the mouth corners, more with more intensity; neutral at 0 changes nothing', async () => {
    const plain = await dubWith('plain', []);
    const half = await dubWith('smile-half', ['--emotion', 'smile', '--intensity', '0.5']);
    const full = await dubWith('smile-full', ['--emotion', 'smile', '--intensity', '1']);
    const [l0, l5, l1] = [await cornerLift(plain), await cornerLift(half), await cornerLift(full)];
    console.info(`corner lift (face heights): plain ${l0.toFixed(4)}, smile 0.5 ${l5.toFixed(4)}, smile 1 ${l1.toFixed(4)}`);
    expect(l5 - l0).toBeGreaterThan(0.002);
    expect(l1 - l5).toBeGreaterThan(0.002);
    // Through the same RGB frame path, identical pixels encode identically: PSNR infinite (100).
    const neutral = await dubWith('neutral-0', ['--emotion', 'neutral', '--intensity', '0']);
    const smileZero = await dubWith('smile-0', ['--emotion', 'smile', '--intensity', '0']);
    expect((await psnr(neutral, smileZero)).min).toBe(100);
    expect((await psnr(neutral, plain)).average).toBeGreaterThan(44);
  });
});

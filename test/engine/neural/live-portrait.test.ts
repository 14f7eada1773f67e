import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { alignFace } from '../../../main/engine/compositing';
import {
  checkLivePortrait,
  drivenKeypoints,
  LivePortraitStage,
  motionInput,
  offsetExpression,
  rotation,
  squareImageSize,
} from '../../../main/engine/expression/neural';
import { FaceTrackStage } from '../../../main/engine/face/stage';
import { configureEngine } from '../../../main/engine/settings';
import { extractFrameRgb, sharedMedia, tmpDir } from '../../helpers/media';
import { fixtureDir, identityFixture, writeFixture } from '../../helpers/onnx-fixtures';

const lmFile = new URL('../compositing/fixtures/talk1-frame0-landmarks.json', import.meta.url);
const landmarks = Float32Array.from(JSON.parse(readFileSync(lmFile, 'utf8')).landmarks as number[]);

async function session(bytes: Uint8Array): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(writeFixture(fixtureDir(), 'm.onnx', bytes));
}

describe('LivePortrait parts (signatures only partly known)', () => {
  it('prepares the motion extractor input: arcface_128 crop at the declared size, RGB in [0,1]', async () => {
    const s = await session(identityFixture('input', [1, 3, 256, 256], 'motion_points'));
    const size = squareImageSize(s, 'input')!;
    expect(size).toBe(256);
    const frame = { width: 700, height: 700, data: new Uint8Array(await extractFrameRgb(sharedMedia('talk1.mp4'), 0)) };
    const input = await motionInput(frame, landmarks, size);
    const out = (await s.run({ input: new ort.Tensor('float32', input.tensor, [1, 3, size, size]) })).motion_points.data as Float32Array;
    expect(out).toEqual(input.tensor);
    expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
    // Plane 0 is red: its mean matches the 512 crop's red channel (resampling changes it little).
    const { crop } = await alignFace(frame, landmarks, 'arcface_128', 512);
    const red = crop.data.filter((_, i) => i % 3 === 0).reduce((a, v) => a + v, 0) / (512 * 512) / 255;
    const plane0 = out.subarray(0, size * size).reduce((a, v) => a + v, 0) / (size * size);
    expect(plane0).toBeCloseTo(red, 2);
  });

  it('refuses a file whose tensors it cannot verify, saying why', async () => {
    const named = await session(identityFixture('input', [1, 3, 256, 256], 'motion_points'));
    expect(() =>
      checkLivePortrait('live_portrait_motion_extractor', named, {
        inputs: ['input'],
        outputs: ['pitch', 'motion_points'],
        imageInput: 'input',
      }),
    ).toThrow(/no output "pitch".*signatureKnown: false/);
    const open = await session(identityFixture('input', ['batch', 3, 'h', 'w']));
    expect(() => checkLivePortrait('live_portrait_motion_extractor', open, { inputs: ['input'], imageInput: 'input' })).toThrow(
      /does not declare a fixed \[1,3,S,S\] shape/,
    );
  });

  it('drives keypoints as s·(x_c·R + δ) + t, with template offsets on δ', () => {
    const R = rotation(10, -20, 30);
    for (let i = 0; i < 3; i++) {
      const dot = R[i] * R[i] + R[3 + i] * R[3 + i] + R[6 + i] * R[6 + i];
      expect(dot).toBeCloseTo(1, 10);
    }
    const m = {
      pitch: 0,
      yaw: 0,
      roll: 0,
      scale: 2,
      translation: Float32Array.of(1, 2, 3),
      expression: Float32Array.of(0.1, 0, 0),
      points: Float32Array.of(1, 1, 1),
    };
    expect([...drivenKeypoints(m)].map((v) => +v.toFixed(5))).toEqual([3.2, 4, 2]);
    const smiled = offsetExpression(m.expression, Float32Array.of(0, 0.5, 0), 0.5);
    expect([...drivenKeypoints(m, smiled)].map((v) => +v.toFixed(5))).toEqual([3.2, 4.5, 2]);
  });

  it('is MODEL_MISSING when the parts are not installed', () => {
    configureEngine({ modelsDir: tmpDir('redub-lp-empty-') });
    expect(() => new LivePortraitStage(new FaceTrackStage())).toThrow(/live_portrait_motion_extractor is not installed/);
  });
});

import { describe, expect, it } from 'vitest';
import { MEL, melSpectrogram } from '../../../main/engine/audio-features/mel';
import { boxMatrix, wav2lipBox } from '../../../main/engine/lipsync/neural/crop-box';
import { DubMel, silentWindow } from '../../../main/engine/lipsync/neural/mel-windows';
import { NeuralModel } from '../../../main/engine/lipsync/neural/model';
import { fromPlanar, toPlanar, zeroRows } from '../../../main/engine/lipsync/neural/tensors';
import { findModel } from '../../../main/engine/models/manifest';
import { configureEngine } from '../../../main/engine/settings';
import { tmpDir } from '../../helpers/media';
import { buildModel, int64Const, node, valueInfo, writeFixture } from '../../helpers/onnx-fixtures';

describe('adapter conventions', () => {
  it('packs BGR planes in [0,1] and signed RGB in [−1,1], and back', () => {
    const img = { width: 2, height: 1, data: Uint8Array.of(255, 0, 51, 0, 255, 102) };
    const bgr = toPlanar(img, { order: 'bgr', range: 'unit' }, new Float32Array(6));
    expect([...bgr].map((v) => +v.toFixed(2))).toEqual([0.2, 0.4, 0, 1, 1, 0]);
    const signed = toPlanar(img, { order: 'rgb', range: 'signed' }, new Float32Array(6));
    expect(signed[0]).toBe(1);
    expect(signed[1]).toBe(-1);
    expect(fromPlanar(bgr, 2, 1, { order: 'bgr', range: 'unit' }).data).toEqual(img.data);
    expect(fromPlanar(signed, 2, 1, { order: 'rgb', range: 'signed' }).data).toEqual(img.data);
    const t = new Float32Array(2 * 4 * 4).fill(1);
    zeroRows(t, 4, 4, 2, 0, 1);
    expect([...t.subarray(0, 16)]).toEqual([...Array(8).fill(1), ...Array(8).fill(0)]);
    expect(t.subarray(16).every((v) => v === 1)).toBe(true);
  });

  it('boxes the face from the landmarks, padded down for the chin, and maps it onto 96²', () => {
    const lm = new Float32Array(468 * 3);
    for (let i = 0; i < 468; i++) lm.set([100 + (i % 100), 50 + (i % 200), 0], 3 * i);
    lm.set([150, 50, 0], 3 * 10); // forehead top
    lm.set([150, 249, 0], 3 * 152); // chin: face height 199
    const box = wav2lipBox(lm, 640, 480);
    expect(box).toEqual({ x0: 100, y0: 50, x1: 199, y1: 259 });
    const m = boxMatrix(box, 96);
    expect(m[0] * box.x1 + m[2]).toBeCloseTo(96);
    expect(m[4] * box.y0 + m[5]).toBeCloseTo(0);
  });

  it('gives frame i the window of dub time i/fps − offset, and silence outside the dub', () => {
    const sr = MEL.sampleRate;
    let seed = 1;
    const samples = Float32Array.from({ length: sr }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.5);
    const mel = melSpectrogram(samples);
    const [late, onTime] = [DubMel.of(mel, 25, 0.4), DubMel.of(mel, 25, 0)];
    expect(late.windowFor(9)).toEqual(silentWindow()); // 0.36 s: before the dub starts
    expect(late.windowFor(10)).toEqual(onTime.windowFor(0)); // 0.4 s: the dub's first window
    expect(late.windowFor(23)).toEqual(onTime.windowFor(13));
    expect(late.windowFor(23)).not.toEqual(onTime.windowFor(12));
    expect(late.windowFor(36)).toEqual(silentWindow()); // 1.44 s − 0.4 s: past the dub's last column
  });

  it('stacks samples along an open batch axis (one call per batch), one per call when fixed', async () => {
    const dir = tmpDir('redub-neural-batch-');
    configureEngine({ modelsDir: dir });
    const shape = findModel('wav2lip_96').inputs[1].shape!;
    const open = buildModel({
      inputs: [valueInfo('source', ['B', 1, 80, 16]), valueInfo('target', ['B', ...shape.slice(1)])],
      outputs: [valueInfo('output', ['B', 3, 96, 96])],
      initializers: [int64Const('starts', [3]), int64Const('ends', [6]), int64Const('axes', [1])],
      nodes: [node('Slice', ['target', 'starts', 'ends', 'axes'], ['output'])],
    });
    writeFixture(dir, findModel('wav2lip_96').file, open);
    const model = await NeuralModel.open('wav2lip_96', 'test');
    const samples = Array.from({ length: 5 }, (_, k) => ({
      source: new Float32Array(80 * 16),
      target: new Float32Array(6 * 96 * 96).fill(k),
    }));
    const out = await model.runAll(samples, 4);
    expect(model.calls).toBe(2);
    expect(out.map((o) => o[0])).toEqual([0, 1, 2, 3, 4]);
  });
});

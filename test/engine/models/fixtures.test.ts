import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { edtalkFixture, enhancerFixture, wav2lipFixture } from '../../helpers/onnx-fixtures';

/** The generated models load in onnxruntime-node and do what they claim. */
const sessions: ort.InferenceSession[] = [];
async function load(bytes: Uint8Array): Promise<ort.InferenceSession> {
  const s = await ort.InferenceSession.create(bytes, { logSeverityLevel: 3 });
  sessions.push(s);
  return s;
}
afterAll(async () => {
  for (const s of sessions) await s.release();
});

const filled = (n: number, v: number | ((i: number) => number)) =>
  Float32Array.from({ length: n }, (_, i) => (typeof v === 'number' ? v : v(i)));

describe('ONNX fixtures', () => {
  it('wav2lip-like: [1,1,80,16] + [1,6,96,96] → reference channels + mean(mel)/8', async () => {
    const s = await load(wav2lipFixture());
    expect(s.inputNames).toEqual(['source', 'target']);
    const target = filled(6 * 96 * 96, (i) => (i < 3 * 96 * 96 ? 0 : 0.25));
    const out = await s.run({
      source: new ort.Tensor('float32', filled(80 * 16, 4), [1, 1, 80, 16]),
      target: new ort.Tensor('float32', target, [1, 6, 96, 96]),
    });
    const y = out[s.outputNames[0]] as ort.Tensor;
    expect(y.dims).toEqual([1, 3, 96, 96]);
    const data = y.data as Float32Array;
    expect(data[0]).toBeCloseTo(0.75, 6);
    expect(data[data.length - 1]).toBeCloseTo(0.75, 6);
  });

  it('gfpgan-like: [1,3,512,512] → same shape, ×0.9', async () => {
    const s = await load(enhancerFixture('gfpgan_1.4'));
    const out = await s.run({
      input: new ort.Tensor(
        'float32',
        filled(3 * 512 * 512, (i) => (i % 7) / 7 - 0.5),
        [1, 3, 512, 512],
      ),
    });
    const y = out[s.outputNames[0]] as ort.Tensor;
    expect(y.dims).toEqual([1, 3, 512, 512]);
    expect((y.data as Float32Array)[6]).toBeCloseTo(0.9 * (6 / 7 - 0.5), 6);
  });

  it('edtalk-like: source, target [1,3,256,256], weight [1] → target + weight·mean(source)', async () => {
    const s = await load(edtalkFixture());
    expect([...s.inputNames].sort()).toEqual(['source', 'target', 'weight']);
    const out = await s.run({
      source: new ort.Tensor('float32', filled(80 * 16, -2), [1, 1, 80, 16]),
      target: new ort.Tensor('float32', filled(3 * 256 * 256, 0.5), [1, 3, 256, 256]),
      weight: new ort.Tensor('float32', filled(1, 0.5), [1]),
    });
    const y = out[s.outputNames[0]] as ort.Tensor;
    expect(y.dims).toEqual([1, 3, 256, 256]);
    expect((y.data as Float32Array)[12345]).toBeCloseTo(-0.5, 6);
  });
});

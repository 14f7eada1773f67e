/**
 * Fixture models for the neural benchmark, with the manifest's signatures. The test helper
 * (test/helpers/onnx-fixtures.ts) imports onnx-proto by name, which only vitest's CJS interop
 * accepts; benchmarks run under plain tsx, so this file loads it through require and builds
 * the same graphs (plus a compute-heavy Wav2Lip stand-in).
 */
import { createRequire } from 'node:module';
import type { onnx as OnnxNs } from 'onnx-proto';
import { findModel } from '../../main/engine/models/manifest';

const { onnx } = createRequire(import.meta.url)('onnx-proto') as { onnx: typeof OnnxNs };
const FLOAT = 1;
const INT64 = 7;

type Dim = number | string;
const shapeOf = (name: string, i: number, io: 'inputs' | 'outputs' = 'inputs') => findModel(name)[io][i].shape as Dim[];
const info = (name: string, shape: Dim[]): OnnxNs.IValueInfoProto => ({
  name,
  type: { tensorType: { elemType: FLOAT, shape: { dim: shape.map((d) => ({ dimValue: Number(d) })) } } },
});
const floats = (name: string, values: ArrayLike<number>, dims: number[]): OnnxNs.ITensorProto => ({
  name,
  dataType: FLOAT,
  dims,
  floatData: Array.from(values),
});
const int64s = (name: string, values: number[]): OnnxNs.ITensorProto => ({
  name,
  dataType: INT64,
  dims: [values.length],
  rawData: new Uint8Array(new BigInt64Array(values.map(BigInt)).buffer),
});
const op = (opType: string, input: string[], output: string, attribute: OnnxNs.IAttributeProto[] = []): OnnxNs.INodeProto => ({
  opType,
  input,
  output: [output],
  attribute,
  name: output,
});

function model(
  inputs: OnnxNs.IValueInfoProto[],
  output: OnnxNs.IValueInfoProto,
  nodes: OnnxNs.INodeProto[],
  initializer: OnnxNs.ITensorProto[] = [],
): Uint8Array {
  const m = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    graph: { name: 'bench', input: inputs, output: [output], node: nodes, initializer },
  });
  return onnx.ModelProto.encode(m).finish();
}

/** `layers` 3×3 convolutions of `width` channels over the 6×96×96 target, added ×1e-6 so they are not pruned. */
function convTower(layers: number, width: number): { nodes: OnnxNs.INodeProto[]; init: OnnxNs.ITensorProto[] } {
  const nodes: OnnxNs.INodeProto[] = [];
  const init: OnnxNs.ITensorProto[] = [];
  const pads = { name: 'pads', type: onnx.AttributeProto.AttributeType.INTS, ints: [1, 1, 1, 1] };
  let x = 'target';
  let channels = 6;
  for (let l = 0; l <= layers; l++) {
    const out = l === layers ? 3 : width;
    const w = new Float32Array(out * channels * 9).map((_, i) => ((i % 7) - 3) * 0.01);
    init.push(floats(`w${l}`, w, [out, channels, 3, 3]));
    nodes.push(op('Conv', [x, `w${l}`], `c${l}`, [pads]));
    if (l < layers) nodes.push(op('Relu', [`c${l}`], `r${l}`));
    [x, channels] = [l < layers ? `r${l}` : `c${l}`, out];
  }
  init.push(floats('tiny', [1e-6], []));
  nodes.push(op('Mul', [x, 'tiny'], 'noise'));
  return { nodes, init };
}

/** output = reference crop + mean(source)/8 (as the test fixture), optionally behind a conv tower. */
export function wav2lipBench(name = 'wav2lip_96', tower?: { layers: number; width: number }): Uint8Array {
  const heavy = tower ? convTower(tower.layers, tower.width) : { nodes: [], init: [] };
  const last = tower ? 'sum' : 'output';
  const nodes = [
    op('Slice', ['target', 'starts', 'ends', 'axes'], 'reference'),
    op('ReduceMean', ['source'], 'mean', [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 1 }]),
    op('Div', ['mean', 'eight'], 'shift'),
    op('Add', ['reference', 'shift'], last),
    ...heavy.nodes,
    ...(tower ? [op('Add', ['sum', 'noise'], 'output')] : []),
  ];
  const init = [int64s('starts', [3]), int64s('ends', [6]), int64s('axes', [1]), floats('eight', [8], []), ...heavy.init];
  return model(
    [info('source', shapeOf(name, 0)), info('target', shapeOf(name, 1))],
    info('output', shapeOf(name, 0, 'outputs')),
    nodes,
    init,
  );
}

/** output = target + weight × mean(source). */
export function edtalkBench(): Uint8Array {
  const n = 'edtalk_256';
  return model(
    [info('source', shapeOf(n, 0)), info('target', shapeOf(n, 1)), info('weight', shapeOf(n, 2))],
    info('output', shapeOf(n, 0, 'outputs')),
    [
      op('ReduceMean', ['source'], 'mean', [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 1 }]),
      op('Mul', ['mean', 'weight'], 'shift'),
      op('Add', ['target', 'shift'], 'output'),
    ],
  );
}

/** output = input × 0.9. */
export function enhancerBench(name = 'gfpgan_1.4'): Uint8Array {
  return model(
    [info('input', shapeOf(name, 0))],
    info('output', shapeOf(name, 0, 'outputs')),
    [op('Mul', ['input', 'k'], 'output')],
    [floats('k', [0.9], [])],
  );
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onnx } from 'onnx-proto';
import { findModel, type TensorSpec } from '../../main/engine/models/manifest';

/**
 * Small ONNX models built in memory (opset 13, IR version 8) with exactly the tensor
 * signatures of the manifest's downloadable models, computing something simple with a
 * known effect. The real weights cannot exist here; adapters are tested against these.
 *
 * Batch dims: the reference gives [1,…] for every downloadable model (not a symbolic
 * "batch"), so the fixtures use a fixed 1 as the manifest does.
 */

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

export type Dim = number | string;

export function valueInfo(name: string, shape: Dim[], elemType: number = FLOAT): onnx.IValueInfoProto {
  const dim = shape.map((d) => (typeof d === 'string' || d < 0 ? { dimParam: typeof d === 'string' ? d : 'dyn' } : { dimValue: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

export function floatConst(name: string, values: number[], dims: number[] = [values.length]): onnx.ITensorProto {
  return { name, dataType: FLOAT, dims, floatData: values };
}

export function int64Const(name: string, values: number[]): onnx.ITensorProto {
  const raw = new BigInt64Array(values.map((v) => BigInt(v)));
  return { name, dataType: INT64, dims: [values.length], rawData: new Uint8Array(raw.buffer) };
}

export function node(opType: string, input: string[], output: string[], attribute: onnx.IAttributeProto[] = []): onnx.INodeProto {
  return { opType, input, output, attribute, name: `${opType}_${output[0]}` };
}

export const intAttr = (name: string, i: number): onnx.IAttributeProto => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });

export interface GraphSpec {
  inputs: onnx.IValueInfoProto[];
  outputs: onnx.IValueInfoProto[];
  nodes: onnx.INodeProto[];
  initializers?: onnx.ITensorProto[];
}

/** `padBytes` adds an unused initializer so that download tests get a file of some size. */
export function buildModel(g: GraphSpec, name = 'fixture', padBytes = 0): Uint8Array {
  const padding = padBytes > 0 ? [floatConst('padding', new Array<number>(Math.ceil(padBytes / 4)).fill(0.25))] : [];
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'redub-test-fixtures',
    graph: { name, input: g.inputs, output: g.outputs, node: g.nodes, initializer: [...(g.initializers ?? []), ...padding] },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** The manifest's shape for a tensor (fixtures mirror it exactly). */
function specShape(t: TensorSpec): Dim[] {
  if (!t.shape) throw new Error(`manifest tensor ${t.name} has no shape`);
  return t.shape;
}

const outName = (t: TensorSpec) => t.name ?? 'output';

/** Mean of `source` over all axes, as a [1,1,1,1] tensor named `mean`. */
const meanOfSource = (): onnx.INodeProto => node('ReduceMean', ['source'], ['mean'], [intAttr('keepdims', 1)]);

/**
 * wav2lip-like: output = target channels 3–5 (the reference crop) + mean(source)/8.
 * So a mel window of all +4 brightens the reference by exactly 0.5.
 */
export function wav2lipFixture(modelName = 'wav2lip_96', padBytes = 0): Uint8Array {
  const m = findModel(modelName);
  const [source, target] = m.inputs;
  const out = m.outputs[0];
  return buildModel(
    {
      inputs: [valueInfo('source', specShape(source)), valueInfo('target', specShape(target))],
      outputs: [valueInfo(outName(out), specShape(out))],
      initializers: [int64Const('starts', [3]), int64Const('ends', [6]), int64Const('axes', [1]), floatConst('eight', [8], [])],
      nodes: [
        node('Slice', ['target', 'starts', 'ends', 'axes'], ['reference']),
        meanOfSource(),
        node('Div', ['mean', 'eight'], ['shift']),
        node('Add', ['reference', 'shift'], [outName(out)]),
      ],
    },
    modelName,
    padBytes,
  );
}

/** gfpgan-like (any enhancer with a single `input`): output = input × 0.9. */
export function enhancerFixture(modelName = 'gfpgan_1.4', factor = 0.9): Uint8Array {
  const m = findModel(modelName);
  const input = m.inputs[0];
  const out = m.outputs[0];
  return buildModel({
    inputs: [valueInfo('input', specShape(input))],
    outputs: [valueInfo(outName(out), specShape(out))],
    initializers: [floatConst('factor', [factor], [])],
    nodes: [node('Mul', ['input', 'factor'], [outName(out)])],
  });
}

/** edtalk-like: output = target + weight × mean(source). */
export function edtalkFixture(): Uint8Array {
  const m = findModel('edtalk_256');
  const [source, target, weight] = m.inputs;
  const out = m.outputs[0];
  return buildModel({
    inputs: [valueInfo('source', specShape(source)), valueInfo('target', specShape(target)), valueInfo('weight', specShape(weight))],
    outputs: [valueInfo(outName(out), specShape(out))],
    nodes: [meanOfSource(), node('Mul', ['mean', 'weight'], ['shift']), node('Add', ['target', 'shift'], [outName(out)])],
  });
}

/** A model with an arbitrary single input/output, for "wrong signature" cases. */
export function identityFixture(inputName: string, shape: Dim[], outputName = 'output'): Uint8Array {
  return buildModel({
    inputs: [valueInfo(inputName, shape)],
    outputs: [valueInfo(outputName, shape)],
    nodes: [node('Identity', [inputName], [outputName])],
  });
}

/** A fresh temp dir for fixture files. */
export function fixtureDir(prefix = 'redub-onnx-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeFixture(dir: string, file: string, bytes: Uint8Array): string {
  const path = join(dir, file);
  writeFileSync(path, bytes);
  return path;
}

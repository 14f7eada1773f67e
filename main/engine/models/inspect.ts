import * as ort from 'onnxruntime-node';
import { RedubError } from '../errors';
import type { ModelSignature, TensorMeta } from './signature';

function meta(m: ort.InferenceSession.ValueMetadata): TensorMeta {
  if (!m.isTensor) return { name: m.name, type: null, shape: null };
  return { name: m.name, type: m.type, shape: m.shape.length ? [...m.shape] : null };
}

/** Loads the file on CPU just long enough to read its inputs and outputs. */
export async function inspectOnnx(path: string): Promise<ModelSignature> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(path, { executionProviders: ['cpu'], logSeverityLevel: 3 });
  } catch (e) {
    throw new RedubError('MODEL_INVALID', `not a loadable ONNX model (${(e as Error).message.split('\n')[0]})`, path);
  }
  try {
    return { inputs: session.inputMetadata.map(meta), outputs: session.outputMetadata.map(meta) };
  } finally {
    await session.release();
  }
}

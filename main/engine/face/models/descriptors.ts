import table from './face-models.json';

/** What the engine needs to know about one model file: where, which bytes, which tensors. */
export interface ModelDescriptor {
  id: string;
  file: string;
  sha256: string;
  /** Role → tensor name, so code never hard-codes a graph's internal names. */
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  /** Square input side in pixels. */
  inputSize: number;
}

export type FaceModelId = 'blazeface-short' | 'blazeface-full' | 'face-mesh-468';

export function faceModel(id: FaceModelId): ModelDescriptor {
  const d = (table.models as Record<string, Omit<ModelDescriptor, 'id'>>)[id];
  return { id, ...d };
}

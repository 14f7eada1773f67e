import { findModel } from '../../models/manifest';
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

interface FaceModelUse {
  manifest: string;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  inputSize: number;
}

/** The face engine's view of a manifest model (resources/models.json is the one list of files and hashes). */
export function faceModel(id: FaceModelId): ModelDescriptor {
  const use = (table.models as Record<string, FaceModelUse>)[id];
  const entry = findModel(use.manifest);
  if (!entry.sha256) throw new Error(`manifest entry ${use.manifest} has no sha256`);
  return { id, file: entry.file, sha256: entry.sha256, inputs: use.inputs, outputs: use.outputs, inputSize: use.inputSize };
}

/** The manifest models the face engine runs (detection, short and full range, and landmarks). */
export function faceManifestModels(): string[] {
  return [...new Set(Object.values(table.models as Record<string, FaceModelUse>).map((u) => u.manifest))];
}

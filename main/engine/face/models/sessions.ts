import * as ort from 'onnxruntime-node';
import { engineSettings } from '../../settings';
import { faceModel, type FaceModelId } from './descriptors';
import { locateModel } from './model-file';

/** One session per model per process: creating one costs far more than a run. */
const sessions = new Map<string, Promise<ort.InferenceSession>>();

async function create(id: FaceModelId, modelsDir: string): Promise<ort.InferenceSession> {
  const path = await locateModel(faceModel(id), modelsDir);
  // Small models: one intra-op thread each leaves the other core to ffmpeg's decoder.
  return ort.InferenceSession.create(path, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
  });
}

export function faceSession(id: FaceModelId): Promise<ort.InferenceSession> {
  const dir = engineSettings().modelsDir;
  const key = `${dir}|${id}`;
  let s = sessions.get(key);
  if (!s) {
    s = create(id, dir);
    // A failed load (missing model) must not poison later attempts after the user fixes it.
    s.catch(() => sessions.delete(key));
    sessions.set(key, s);
  }
  return s;
}

/** Counts model runs per model, so callers (and tests) can see whether a cache hit skipped inference. */
export const faceModelRuns: Record<FaceModelId, number> = {
  'blazeface-short': 0,
  'blazeface-full': 0,
  'face-mesh-468': 0,
};

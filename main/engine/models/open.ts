import { resolveModel } from './manager';
import { neuralSessions, type ModelSession } from './sessions';

/**
 * What a neural stage calls: the pooled session of an installed model by name, or
 * MODEL_MISSING with the download command (before any frame is processed).
 */
export async function openModel(name: string): Promise<ModelSession> {
  return neuralSessions().get(resolveModel(name));
}

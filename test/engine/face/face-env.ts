/** Test set-up for the face engine: the real models in ../shared/models, a private cache dir. */
import { join } from 'node:path';
import { configureEngine } from '../../../main/engine/settings';
import { sharedDir, tmpDir } from '../../helpers/media';

export const MODELS_DIR = join(sharedDir(), 'models');

/** Points the engine at the shared models and a fresh cache; returns the cache dir. */
export function useFaceEnv(prefix = 'redub-face-'): string {
  const cacheDir = tmpDir(prefix);
  configureEngine({ modelsDir: MODELS_DIR, cacheDir });
  return cacheDir;
}

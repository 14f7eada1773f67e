import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Engine settings come from the environment (CLI, CI) or are injected by the editor.
 * They are never read from inside the app bundle: models and caches live in user space.
 */
export interface EngineSettings {
  /** Explicit ffmpeg binary (setting or REDUB_FFMPEG). */
  ffmpegPath?: string;
  /** Explicit ffprobe binary (setting or REDUB_FFPROBE). */
  ffprobePath?: string;
  /** Where model files live (REDUB_MODELS_DIR). */
  modelsDir: string;
  /** Where analysis caches live (REDUB_CACHE_DIR). */
  cacheDir: string;
}

function dataHome(): string {
  return process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): EngineSettings {
  return {
    ffmpegPath: env.REDUB_FFMPEG || undefined,
    ffprobePath: env.REDUB_FFPROBE || undefined,
    modelsDir: env.REDUB_MODELS_DIR || join(dataHome(), 'redub', 'models'),
    cacheDir: env.REDUB_CACHE_DIR || join(dataHome(), 'redub', 'cache'),
  };
}

let current: EngineSettings | undefined;

/** The process-wide settings; the editor overrides them with the user's choices. */
export function engineSettings(): EngineSettings {
  current ??= settingsFromEnv();
  return current;
}

export function configureEngine(patch: Partial<EngineSettings>): EngineSettings {
  current = { ...engineSettings(), ...patch };
  return current;
}

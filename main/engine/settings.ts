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
  /** Most bytes the cache may hold before least-recently-used entries go (REDUB_CACHE_LIMIT, e.g. "10G"). */
  cacheLimitBytes: number;
}

/** Default cache cap: an hour of 720p banks and tracks fits many times over. */
export const DEFAULT_CACHE_LIMIT = 10 * 1024 ** 3;

/** "10G", "500M", "750k" or plain bytes (binary units); a bad value is a one-line error naming it. */
export function parseByteSize(text: string, what = 'REDUB_CACHE_LIMIT'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$/i.exec(text);
  if (!m) throw new Error(`${what}: "${text}" is not a size (e.g. 10G, 500M, 1048576)`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return Math.round(parseFloat(m[1]) * unit);
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
    cacheLimitBytes: env.REDUB_CACHE_LIMIT ? parseByteSize(env.REDUB_CACHE_LIMIT) : DEFAULT_CACHE_LIMIT,
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

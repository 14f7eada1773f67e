import { join } from 'node:path';
import { engineSettings } from '../settings';
import { loadManifest, type Manifest, type ModelEntry } from './manifest';

/**
 * What every model operation needs: the models dir (a user setting, never inside the
 * app bundle), the manifest, and where to download from (tests and private mirrors
 * override the manifest's URLs so that those are never contacted).
 */
export interface ModelContext {
  dir: string;
  manifest: Manifest;
  urlsFor: (m: ModelEntry) => string[];
}

export interface ModelContextOptions {
  dir?: string;
  manifest?: Manifest;
  /** Replace the manifest's URLs (e.g. a local server in tests). */
  urlsFor?: (m: ModelEntry) => string[];
}

/** REDUB_MODELS_URL: comma-separated base URLs, each serving `{base}/{file}` (and sidecars). */
function envUrls(env: NodeJS.ProcessEnv): ((m: ModelEntry) => string[]) | undefined {
  const bases = (env.REDUB_MODELS_URL ?? '')
    .split(',')
    .map((s) => s.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  return bases.length ? (m) => bases.map((b) => `${b}/${m.file}`) : undefined;
}

export function modelContext(o: ModelContextOptions = {}): ModelContext {
  return {
    dir: o.dir ?? engineSettings().modelsDir,
    manifest: o.manifest ?? loadManifest(),
    urlsFor: o.urlsFor ?? envUrls(process.env) ?? ((m) => m.urls),
  };
}

export function modelPath(ctx: ModelContext, m: ModelEntry): string {
  return join(ctx.dir, m.file);
}

export const partPath = (path: string): string => `${path}.part`;

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RedubError } from './errors';

/**
 * The files that ship with the app (resources/: the model manifest, the emotion templates).
 * They are read at run time, never bundled into the code, from one of two layouts:
 *  - packaged (electron-builder): `extraResources` copies resources/ to
 *    `${process.resourcesPath}/resources`, outside app.asar;
 *  - a checkout (the TypeScript source, the built bundle in out/main, the CLI, tests): the
 *    `resources/` folder beside the package.json that owns this module's file.
 * Every reader of resources/ goes through here, so both layouts always agree.
 */

/** The file whose presence marks a resources folder. */
const MARKER = 'models.json';

/** Electron sets it in the main process and utility processes; plain Node does not. */
function packagedDir(): string | null {
  const base = (process as { resourcesPath?: string }).resourcesPath;
  return base ? join(base, 'resources') : null;
}

/** The package root above `from`: the nearest folder holding a package.json (repository or app.asar root). */
function packageRoot(from: string): string | null {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

export interface ResourcesLocation {
  dir: string;
  layout: 'packaged' | 'checkout';
}

let found: ResourcesLocation | undefined;

/** Where resources/ is in this process (looked up once). */
export function resourcesLocation(): ResourcesLocation {
  if (found) return found;
  const packaged = packagedDir();
  if (packaged && existsSync(join(packaged, MARKER))) return (found = { dir: packaged, layout: 'packaged' });
  const root = packageRoot(fileURLToPath(import.meta.url));
  const checkout = root && join(root, 'resources');
  if (checkout && existsSync(join(checkout, MARKER))) return (found = { dir: checkout, layout: 'checkout' });
  const tried = [packaged, checkout].filter(Boolean).join(' and ');
  throw new RedubError('FILE_NOT_FOUND', `the app's resources (${MARKER}) are missing from ${tried}: reinstall Redub`);
}

/** Absolute path of a shipped file, e.g. resourcePath('templates', 'emotions.json'). */
export function resourcePath(...parts: string[]): string {
  return join(resourcesLocation().dir, ...parts);
}

/** A shipped JSON file, parsed; a damaged one fails in one line naming it. */
export function readResourceJson(...parts: string[]): unknown {
  const path = resourcePath(...parts);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new RedubError('FILE_NOT_FOUND', `cannot read this app resource (${(e as Error).message.split('\n')[0]})`, path);
  }
}

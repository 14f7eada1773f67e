import { homedir } from 'node:os';
import { join } from 'node:path';
import { JsonEditorStore } from './json-store';
import type { EditorStore } from './store-port';

/** Where projects live unless told otherwise (REDUB_PROJECT_DIR or --project-dir). */
export function defaultProjectDir(): string {
  const home = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return process.env.REDUB_PROJECT_DIR || join(home, 'redub', 'projects');
}

/** The one place that picks the store implementation, so switching to SQLite is one line. */
export function openEditorStore(dir: string): EditorStore {
  return new JsonEditorStore(dir);
}

import { homedir } from 'node:os';
import { join } from 'node:path';
import { ProjectWorkspace } from './workspace';

/** Where projects live unless told otherwise (REDUB_PROJECT_DIR or --project-dir). */
export function defaultProjectDir(): string {
  const home = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return process.env.REDUB_PROJECT_DIR || join(home, 'redub', 'projects');
}

export function openWorkspace(dir: string = defaultProjectDir()): ProjectWorkspace {
  return new ProjectWorkspace(dir);
}

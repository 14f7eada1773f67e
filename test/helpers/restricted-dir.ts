import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';

/**
 * Directories that refuse writes, for failure tests. As root, permissions do not stop writes,
 * so a read-only (or tiny) tmpfs is mounted instead; `reason` says why none could be made.
 */
export interface RestrictedDir {
  path?: string;
  reason?: string;
  release(): void;
}

function mountTmpfs(path: string, options: string): boolean {
  mkdirSync(path, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', path]).status === 0;
}

const umount = (path: string) => () => void spawnSync('umount', [path]);

export function readOnlyDir(path: string): RestrictedDir {
  if (process.getuid?.() !== 0) {
    mkdirSync(path, { recursive: true });
    chmodSync(path, 0o555);
    return { path, release: () => chmodSync(path, 0o755) };
  }
  if (mountTmpfs(path, 'ro,size=1m')) return { path, release: umount(path) };
  return { reason: 'running as root without permission to mount a read-only tmpfs', release: () => undefined };
}

export function tinyDisk(path: string, size = '2m'): RestrictedDir {
  if (mountTmpfs(path, `size=${size}`)) return { path, release: umount(path) };
  return { reason: 'no permission to mount a small tmpfs to fill', release: () => undefined };
}

import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { RedubError } from '../errors';

/** `--map FROM=TO`: shared storage that the exporter sees at FROM is mounted at TO on this worker. */
export interface PathMap {
  from: string;
  to: string;
}

export function parsePathMap(text: string): PathMap {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new RedubError('INVALID_ARGUMENT', `--map ${text}: expected FROM=TO (two absolute paths)`);
  const from = text.slice(0, eq);
  const to = text.slice(eq + 1);
  if (!isAbsolute(from) || !isAbsolute(to)) throw new RedubError('INVALID_ARGUMENT', `--map ${text}: both paths must be absolute`);
  return { from: resolve(from), to: resolve(to) };
}

function isUnder(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The path with symlinks resolved in its existing part, so a link cannot lead a job out of a root. */
function real(path: string): string {
  let head = path;
  const tail: string[] = [];
  while (!existsSync(head) && dirname(head) !== head) {
    tail.unshift(basename(head));
    head = dirname(head);
  }
  try {
    return join(realpathSync(head), ...tail);
  } catch {
    return path;
  }
}

/**
 * Translates a job's paths through the maps and refuses any outside the allowed roots, so a
 * job on a shared Redis cannot make a worker read or write elsewhere. Default roots: the maps' TOs.
 */
export class PathGuard {
  private readonly roots: string[];

  constructor(
    private readonly maps: PathMap[],
    allow: string[],
  ) {
    this.roots = (allow.length ? allow : maps.map((m) => m.to)).map((r) => resolve(r));
    if (this.roots.length === 0)
      throw new RedubError('INVALID_ARGUMENT', 'redub worker: give --allow DIR or --map FROM=TO (the roots jobs may use)');
  }

  /** The local path for a job's path; throws naming the path when it lies outside every allowed root. */
  local(jobPath: string): string {
    if (!isAbsolute(jobPath)) throw new RedubError('INVALID_ARGUMENT', 'job path is not absolute: refused', jobPath);
    const abs = resolve(jobPath);
    const map = this.maps.find((m) => isUnder(abs, m.from));
    const local = map ? resolve(map.to, relative(map.from, abs)) : abs;
    const actual = real(local);
    if (!this.roots.some((r) => isUnder(local, r) && isUnder(actual, real(r))))
      throw new RedubError('INVALID_ARGUMENT', `outside the worker's allowed roots (${this.roots.join(', ')}): refused`, local);
    return local;
  }
}

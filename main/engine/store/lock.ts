import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { RedubError } from '../errors';

/**
 * Exclusive access to a project: `P.redub.lock` beside it, created with O_EXCL, holding
 * the owner's pid and hostname. SQLite's own locks are not enough: WAL mode happily lets
 * two editors write the same file, and their in-memory views would then diverge.
 *
 * A lock whose pid is dead on this host is stale (a crash) and is taken over.
 * A lock held by this very process is shared: a second store instance in the same process
 * (e.g. the export queue's own connection) is cooperating code, not a rival editor.
 */
export interface LockInfo {
  pid: number;
  hostname: string;
  createdAt: number;
}

export interface ProjectLock {
  path: string;
  /** True when another store in this process already held the lock when this one joined. */
  shared: boolean;
  release(): void;
}

// Absolute, so "film.redub" and "/work/film.redub" are recognised as one project.
export const lockPathOf = (projectPath: string): string => `${resolve(projectPath)}.lock`;

/** Lock files this process holds, with how many open stores share each. */
const held = new Map<string, number>();
let exitHookInstalled = false;

/** Best effort: a clean exit without close() should not leave a lock for the next run to judge. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const p of held.keys()) tryUnlink(p);
  });
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

export function readLock(lockPath: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockInfo>;
    if (typeof info.pid !== 'number') return undefined;
    return { pid: info.pid, hostname: String(info.hostname ?? ''), createdAt: Number(info.createdAt ?? 0) };
  } catch {
    return undefined; // unreadable or half-written: judged by the caller
  }
}

export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(lockPath: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    const info: LockInfo = { pid: process.pid, hostname: hostname(), createdAt: Date.now() };
    writeSync(fd, JSON.stringify(info));
  } finally {
    closeSync(fd);
  }
  return true;
}

function inUse(projectPath: string, info: LockInfo): RedubError {
  const where = info.hostname === hostname() ? `pid ${info.pid}` : `pid ${info.pid} on ${info.hostname}`;
  return new RedubError('PROJECT_IN_USE', `is open in another Redub process (${where})`, projectPath);
}

/** A lock nobody can be holding: dead pid here, or a file too broken to name an owner. */
function isStale(info: LockInfo | undefined): boolean {
  if (!info) return true;
  if (info.hostname !== hostname()) return false; // cannot see other hosts' pids: assume alive
  return !isPidAlive(info.pid);
}

/** `borrowed`: the file belongs to another thread of this process; never delete it. */
function handle(lockPath: string, borrowed = false): ProjectLock {
  if (borrowed) return { path: lockPath, shared: true, release() {} };
  const shared = held.has(lockPath);
  held.set(lockPath, (held.get(lockPath) ?? 0) + 1);
  installExitHook();
  let released = false;
  return {
    path: lockPath,
    shared,
    release() {
      if (released) return;
      released = true;
      const left = (held.get(lockPath) ?? 1) - 1;
      if (left > 0) return void held.set(lockPath, left);
      held.delete(lockPath);
      // Only remove the file if it is still ours (never someone's takeover).
      if (readLock(lockPath)?.pid === process.pid) tryUnlink(lockPath);
    },
  };
}

export function acquireLock(projectPath: string): ProjectLock {
  const lockPath = lockPathOf(projectPath);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(lockPath)) return handle(lockPath);
    const info = readLock(lockPath);
    if (info && info.pid === process.pid && info.hostname === hostname()) {
      // Ours: shared if a live handle holds it (or, from a worker thread, the main thread
      // does), else a leftover of an earlier process that had our pid.
      if (held.has(lockPath)) return handle(lockPath);
      if (!isMainThread) return handle(lockPath, true);
      tryUnlink(lockPath);
      continue;
    }
    // A half-written file may belong to a process creating it right now: give it a moment.
    if (!info && attempt === 0) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
      continue;
    }
    if (!isStale(info)) throw inUse(projectPath, info!);
    // Stale: remove and race for O_EXCL again; the loser of a race sees a live owner.
    tryUnlink(lockPath);
  }
  const info = readLock(lockPath);
  throw info ? inUse(projectPath, info) : new RedubError('PROJECT_IN_USE', 'could not lock the project', projectPath);
}

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cacheEntryWritten, touchCacheEntry } from './cache-store';

/**
 * One build per cache key. The editor's preview warm-up and an export (in this process or in
 * a CLI next to it) used to build the same mouth bank at once; both wrote "<bank>.partial-PID"
 * and the second rename failed with ENOENT. Every cache builder goes through here:
 *  - in this process, callers of one key share one promise;
 *  - across processes, "<entry>.lock" (created with O_EXCL) says who builds; the others wait
 *    for it to go and then read the entry. A lock whose owner died, or that has not been
 *    refreshed for STALE_MS (the owner refreshes it every HEARTBEAT_MS), is taken over.
 */

const inFlight = new Map<string, Promise<unknown>>();

/** Shares one run of `run` between every caller of `key` while it is under way. */
export function sharedInProcess<T>(key: string, run: () => Promise<T>): Promise<T> {
  let p = inFlight.get(key) as Promise<T> | undefined;
  if (!p) {
    p = run().finally(() => inFlight.delete(key));
    inFlight.set(key, p);
  }
  return p;
}

export const LOCK_TIMINGS = { heartbeatMs: 2000, staleMs: 30_000, pollMs: 100 };

interface LockOwner {
  pid: number;
  nonce: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, we just may not signal it.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(lock: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await readFile(lock, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

async function isStale(lock: string): Promise<boolean> {
  const owner = await readOwner(lock);
  const st = await stat(lock).catch(() => undefined);
  if (!st) return false; // gone: not stale, just free
  if (owner && owner.pid !== process.pid && !alive(owner.pid)) return true;
  // No readable owner yet (being written) or a live owner: stale only when the heartbeat stopped.
  return Date.now() - st.mtimeMs > LOCK_TIMINGS.staleMs;
}

/** Moves a stale lock aside (rename is atomic: of two takers only one moves it). */
async function takeOver(lock: string): Promise<void> {
  const aside = `${lock}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  await rename(lock, aside).catch(() => undefined);
  await rm(aside, { force: true });
}

async function tryAcquire(lock: string, owner: LockOwner): Promise<boolean> {
  try {
    const fh = await open(lock, 'wx');
    await fh.writeFile(JSON.stringify(owner));
    await fh.close();
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/**
 * Runs `fn` holding "<path>.lock" across processes. `fn` should first look whether the entry
 * now exists (another process may have built it while this one waited).
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const lock = `${path}.lock`;
  await mkdir(dirname(path), { recursive: true });
  const owner = { pid: process.pid, nonce: randomBytes(8).toString('hex') };
  while (!(await tryAcquire(lock, owner))) {
    signal?.throwIfAborted();
    if (await isStale(lock)) await takeOver(lock);
    else await sleep(LOCK_TIMINGS.pollMs);
  }
  const beat = setInterval(() => {
    const now = new Date();
    void utimes(lock, now, now).catch(() => undefined);
  }, LOCK_TIMINGS.heartbeatMs);
  beat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(beat);
    // Only remove our own lock: after a takeover (we stalled) it belongs to someone else.
    if ((await readOwner(lock))?.nonce === owner.nonce) await rm(lock, { force: true });
  }
}

/** A temporary name next to `path` that no other build (in any process) can share. */
export function uniquePartial(path: string): string {
  return `${path}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Makes sure the cache file `path` exists, building it at most once per key: `build(tmp)`
 * writes to `tmp`, which is renamed to `path` when it resolves (removed when it throws).
 */
export function buildFileOnce(path: string, build: (tmp: string) => Promise<void>): Promise<void> {
  if (existsSync(path)) return touchCacheEntry(path);
  return sharedInProcess(path, () =>
    withFileLock(path, async () => {
      if (existsSync(path)) return;
      const tmp = uniquePartial(path);
      try {
        await build(tmp);
        await rename(tmp, path);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
      // Still under the lock: the new entry cannot be evicted to make room for itself.
      await cacheEntryWritten(path);
    }),
  );
}

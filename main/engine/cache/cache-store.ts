import { existsSync } from 'node:fs';
import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { engineSettings } from '../settings';

/**
 * The analysis cache as a whole: every entry is one file in a kind's folder under the cache dir
 * (a mouth bank, a face track, a scrub proxy). Entries only save time, so the cache is capped
 * (settings.cacheLimitBytes) and the least recently used go first. "Used" is the file's mtime:
 * readers touch it (touchCacheEntry), and an open entry is pinned (pinCacheEntry), which also
 * refreshes its mtime every PIN_REFRESH_MS so other processes see it as in use.
 *
 * Never evicted: an entry being built (a "<entry>.lock" beside it, see build-once.ts; its
 * partial file is not an entry yet), one pinned in this process, and one used within RECENT_MS
 * (by any process). Whoever needs an evicted entry again rebuilds it (MouthBank.load, the face
 * analysis): eviction costs time, never an error. A reader that already has the file open keeps
 * reading it after removal (POSIX), and a pinned one is not removed at all.
 */
export const CACHE_KINDS = ['mouth-banks', 'face-tracks', 'scrub-proxies'] as const;
export type CacheKind = (typeof CACHE_KINDS)[number];

export const CACHE_TIMINGS = { recentMs: 120_000, pinRefreshMs: 30_000 };

export interface CacheEntry {
  kind: CacheKind;
  /** The file name without its extension (the content key). */
  key: string;
  path: string;
  bytes: number;
  lastUsed: Date;
  /** Being built, pinned or just used: eviction skips it. */
  inUse: boolean;
}

export interface CacheSummary {
  dir: string;
  limitBytes: number;
  totalBytes: number;
  entries: CacheEntry[];
}

/** Files beside entries that are not entries: locks, partial builds, temporary writes. */
function isEntryName(name: string): boolean {
  return !/\.(lock|tmp)$|\.lock\.stale-|\.partial-|^\./.test(name);
}

const pins = new Map<string, number>();

/** Marks an entry as used now (best effort: a vanished file is simply not there any more). */
export async function touchCacheEntry(path: string): Promise<void> {
  const now = new Date();
  await utimes(path, now, now).catch(() => undefined);
}

/** Keeps `path` from eviction until the returned release is called (counted: pins nest). */
export function pinCacheEntry(path: string): () => void {
  pins.set(path, (pins.get(path) ?? 0) + 1);
  void touchCacheEntry(path);
  const beat = setInterval(() => void touchCacheEntry(path), CACHE_TIMINGS.pinRefreshMs);
  beat.unref();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    clearInterval(beat);
    const n = (pins.get(path) ?? 1) - 1;
    if (n > 0) pins.set(path, n);
    else pins.delete(path);
  };
}

function inUse(path: string, mtimeMs: number, now: number): boolean {
  return pins.has(path) || existsSync(`${path}.lock`) || now - mtimeMs < CACHE_TIMINGS.recentMs;
}

/** Every entry of the cache, least recently used first. */
export async function listCache(dir = engineSettings().cacheDir): Promise<CacheSummary> {
  const now = Date.now();
  const entries: CacheEntry[] = [];
  for (const kind of CACHE_KINDS) {
    const names = await readdir(join(dir, kind)).catch(() => [] as string[]);
    for (const name of names.filter(isEntryName)) {
      const path = join(dir, kind, name);
      const st = await stat(path).catch(() => undefined);
      if (!st?.isFile()) continue;
      const key = name.replace(/\.[^.]*$/, '');
      entries.push({ kind, key, path, bytes: st.size, lastUsed: st.mtime, inUse: inUse(path, st.mtimeMs, now) });
    }
  }
  entries.sort((a, b) => a.lastUsed.getTime() - b.lastUsed.getTime() || a.path.localeCompare(b.path));
  const totalBytes = entries.reduce((s, e) => s + e.bytes, 0);
  return { dir, limitBytes: engineSettings().cacheLimitBytes, totalBytes, entries };
}

/** Removes least-recently-used entries not in use until the cache fits `limit`; returns those removed. */
export async function enforceCacheLimit(limit = engineSettings().cacheLimitBytes, dir = engineSettings().cacheDir): Promise<CacheEntry[]> {
  const summary = await listCache(dir);
  let total = summary.totalBytes;
  const removed: CacheEntry[] = [];
  for (const e of summary.entries) {
    if (total <= limit) break;
    if (e.inUse) continue;
    await rm(e.path, { force: true });
    total -= e.bytes;
    removed.push(e);
  }
  return removed;
}

/**
 * After an entry was written: mark it used and make room. The cap must never fail the work that
 * produced the entry, so errors here are swallowed (the next write tries again).
 */
export async function cacheEntryWritten(path: string): Promise<void> {
  await touchCacheEntry(path);
  const dir = dirname(dirname(path));
  if (!(CACHE_KINDS as readonly string[]).includes(basename(dirname(path)))) return;
  await enforceCacheLimit(engineSettings().cacheLimitBytes, dir).catch(() => undefined);
}

/** Removes every entry not in use (optionally of one kind); returns those removed. */
export async function clearCache(kind?: CacheKind, dir = engineSettings().cacheDir): Promise<CacheEntry[]> {
  const { entries } = await listCache(dir);
  const gone = entries.filter((e) => (!kind || e.kind === kind) && !pins.has(e.path) && !existsSync(`${e.path}.lock`));
  for (const e of gone) await rm(e.path, { force: true });
  return gone;
}

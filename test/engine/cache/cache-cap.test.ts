import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clearCache, enforceCacheLimit, listCache, pinCacheEntry } from '../../../main/engine/cache/cache-store';
import { configureEngine, parseByteSize } from '../../../main/engine/settings';
import { runCli } from '../../helpers/cli';
import { tmpDir } from '../../helpers/media';

/** A fake entry of `bytes` bytes last used `hoursAgo` hours ago. */
function entry(dir: string, kind: string, name: string, bytes: number, hoursAgo: number): string {
  mkdirSync(join(dir, kind), { recursive: true });
  const path = join(dir, kind, name);
  writeFileSync(path, Buffer.alloc(bytes, 7));
  const t = new Date(Date.now() - hoursAgo * 3600_000);
  utimesSync(path, t, t);
  return path;
}

describe('the capped cache', () => {
  it('evicts the least recently used entries first, never one being built or pinned', async () => {
    const dir = tmpDir('redub-cap-');
    configureEngine({ cacheDir: dir });
    const oldest = entry(dir, 'mouth-banks', 'a.bank', 1000, 5);
    const building = entry(dir, 'mouth-banks', 'b.bank', 1000, 4);
    writeFileSync(`${building}.lock`, '{}');
    const pinned = entry(dir, 'face-tracks', 'c.rft', 1000, 3);
    const older = entry(dir, 'scrub-proxies', 'd.mp4', 1000, 2);
    const newest = entry(dir, 'face-tracks', 'e.rft', 1000, 1);
    // Partial builds are not entries: never listed, never removed here.
    const partial = entry(dir, 'mouth-banks', 'f.bank.partial-1-abcd', 1000, 6);
    const before = await listCache(dir);
    expect(before.entries.map((e) => e.key)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(before.totalBytes).toBe(5000);
    const unpin = pinCacheEntry(pinned);
    // Pinning marks it used now: re-date it (after that touch) to test the pin on its own.
    await new Promise((r) => setTimeout(r, 50));
    utimesSync(pinned, new Date(Date.now() - 3 * 3600_000), new Date(Date.now() - 3 * 3600_000));
    const removed = await enforceCacheLimit(3000, dir);
    expect(removed.map((e) => e.key)).toEqual(['a', 'd']);
    expect([oldest, older].map(existsSync)).toEqual([false, false]);
    expect([building, pinned, newest, partial].map(existsSync)).toEqual([true, true, true, true]);
    unpin();
    // Unpinned and under a lower cap, the pinned one goes next (the oldest left that is not being built).
    expect((await enforceCacheLimit(2000, dir)).map((e) => e.key)).toEqual(['c']);
    expect((await clearCache(undefined, dir)).map((e) => e.key)).toEqual(['e']);
    expect(existsSync(building)).toBe(true);
  });

  it('reads its limit as a size with units, rejecting nonsense in one line', () => {
    expect(parseByteSize('10G')).toBe(10 * 1024 ** 3);
    expect(parseByteSize('512 MiB')).toBe(512 * 1024 ** 2);
    expect(parseByteSize('1048576')).toBe(1048576);
    expect(() => parseByteSize('lots')).toThrow(/REDUB_CACHE_LIMIT: "lots" is not a size/);
  });

  it('`redub cache list` shows kind, key, size and last use with the total; `clear` empties it', async () => {
    const dir = tmpDir('redub-cap-cli-');
    entry(dir, 'mouth-banks', 'k1.bank', 2000, 2);
    entry(dir, 'face-tracks', 'k2.rft', 500, 1);
    const env = { REDUB_CACHE_DIR: dir, REDUB_CACHE_LIMIT: '1G' };
    const list = await runCli(['cache', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/mouth-banks\s+k1\s+0\.0 MB\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    expect(list.stdout).toMatch(/total 0\.0 MB in 2 entries \(limit 1073\.7 MB\)/);
    const json = JSON.parse((await runCli(['cache', 'list', '--json'], env)).stdout);
    expect(json.totalBytes).toBe(2500);
    expect(json.entries.map((e: { kind: string }) => e.kind)).toEqual(['mouth-banks', 'face-tracks']);
    const cleared = await runCli(['cache', 'clear', '--kind', 'face-tracks'], env);
    expect(cleared.stdout).toMatch(/removed 1 entries/);
    expect(JSON.parse((await runCli(['cache', 'list', '--json'], env)).stdout).totalBytes).toBe(2000);
    const bad = await runCli(['cache', 'clear', '--kind', 'models'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--kind must be one of mouth-banks, face-tracks, scrub-proxies/);
  }, 60_000);
});

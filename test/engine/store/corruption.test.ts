import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupPath, listBackups, lockPathOf, ProjectStore, restoreBackup } from '../../../main/engine/store';
import { tempProjectPath } from './helpers';

/** A project with enough pages that cutting the file in half destroys b-tree pages. */
async function populatedProject(path: string): Promise<void> {
  const s = await ProjectStore.create(path);
  s.transaction(() => {
    for (let i = 0; i < 300; i++) s.segments.add({ start: i, end: i + 0.5, intensity: (i % 10) / 10 });
    for (let i = 0; i < 20; i++) s.cache.put(`face:${i}`, 'face-track', Buffer.alloc(8_000, i));
  });
  await s.close(); // first close: takes bak-1
}

describe('corruption and backups', () => {
  it('a file that is not SQLite is PROJECT_CORRUPT, with no backup to offer', async () => {
    const path = tempProjectPath();
    writeFileSync(path, 'this is a subtitle file, not a project\n'.repeat(200));
    await expect(ProjectStore.open(path)).rejects.toMatchObject({
      code: 'PROJECT_CORRUPT',
      message: expect.stringMatching(/file is not a Redub project or is damaged \(file is not a database\); no backup available/),
    });
    expect(existsSync(lockPathOf(path))).toBe(false);
  });

  it('a SQLite file from another app is not a Redub project', async () => {
    const path = tempProjectPath('other.db');
    const db = new Database(path);
    db.exec('CREATE TABLE notes (x)');
    db.close();
    await expect(ProjectStore.open(path)).rejects.toMatchObject({
      code: 'PROJECT_CORRUPT',
      message: expect.stringContaining('no Redub project header'),
    });
  });

  it('a truncated project is detected and the last good backup offered, then restored', async () => {
    const path = tempProjectPath();
    await populatedProject(path);
    expect(listBackups(path)).toEqual([backupPath(path, 1)]);

    truncateSync(path, Math.floor(statSync(path).size / 2));
    const err = await ProjectStore.open(path).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PROJECT_CORRUPT' });
    expect((err as Error).message).toContain(`; last good backup: ${backupPath(path, 1)}`);

    const damaged = restoreBackup(path)!;
    expect(existsSync(damaged)).toBe(true); // kept, never deleted
    const s = await ProjectStore.open(path);
    expect(s.segments.list()).toHaveLength(300);
    expect(s.cache.get('face:19')!.payload[0]).toBe(19);
    await s.close();
  });

  it('a project truncated to nothing is damaged too, and read-only open refuses it the same way', async () => {
    const path = tempProjectPath();
    await populatedProject(path);
    truncateSync(path, 0);
    for (const readonly of [false, true]) {
      await expect(ProjectStore.open(path, { readonly })).rejects.toMatchObject({
        code: 'PROJECT_CORRUPT',
        message: expect.stringContaining(`last good backup: ${backupPath(path, 1)}`),
      });
    }
  });

  it('skips a damaged backup when offering one', async () => {
    const path = tempProjectPath();
    await populatedProject(path);
    await (await ProjectStore.open(path, { backupIntervalMs: 0 })).close(); // bak-1, bak-2 (, bak-3)
    writeFileSync(backupPath(path, 1), 'junk');
    writeFileSync(path, 'junk');
    await expect(ProjectStore.open(path)).rejects.toThrow(`last good backup: ${backupPath(path, 2)}`);
  });

  it('keeps at most three rolling backups, at most one per interval', async () => {
    const path = tempProjectPath();
    const s = await ProjectStore.create(path);
    s.project.update({ name: 'v1' });
    await s.close();
    const firstBackup = readFileSync(backupPath(path, 1));

    // Within the interval: neither open nor close takes another.
    await (await ProjectStore.open(path)).close();
    expect(listBackups(path)).toHaveLength(1);

    for (let i = 0; i < 4; i++) {
      const t = await ProjectStore.open(path, { backupIntervalMs: 0 });
      t.project.update({ name: `v${i + 2}` });
      await t.close();
    }
    expect(listBackups(path)).toEqual([1, 2, 3].map((n) => backupPath(path, n)));
    expect(existsSync(`${path}.bak-4`)).toBe(false);
    expect(readFileSync(backupPath(path, 3)).equals(firstBackup)).toBe(false);

    // An old newest backup lets the default interval take a fresh one.
    const old = new Date(Date.now() - 60 * 60_000);
    utimesSync(backupPath(path, 1), old, old);
    await (await ProjectStore.open(path)).close();
    expect(Date.now() - statSync(backupPath(path, 1)).mtimeMs).toBeLessThan(60_000);
  });

  it('restoreBackup refuses while the project is open elsewhere, and without an intact backup', async () => {
    const path = tempProjectPath();
    const s = await ProjectStore.create(path);
    expect(() => restoreBackup(path)).toThrow(/no intact backup/);
    await s.backup(true);
    // Same process shares the lock, so fake a live foreign holder: our parent process.
    await s.close();
    writeFileSync(lockPathOf(path), JSON.stringify({ pid: process.ppid, hostname: hostname(), createdAt: 0 }));
    expect(() => restoreBackup(path)).toThrow(/in another Redub process/);
  });
});

describe('open and create errors', () => {
  it('an unreachable file is not called damaged', async () => {
    const path = tempProjectPath();
    mkdirSync(path); // a folder named like a project
    await expect(ProjectStore.open(path)).rejects.toMatchObject({ code: 'MEDIA_UNREADABLE' });
    await expect(ProjectStore.open(`${path}-missing.redub`)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('create refuses existing files and missing folders, leaving nothing behind', async () => {
    const path = tempProjectPath();
    writeFileSync(path, 'x');
    await expect(ProjectStore.create(path)).rejects.toMatchObject({ code: 'OUTPUT_EXISTS' });
    const nowhere = join(dirname(path), 'no-such-dir', 'a.redub');
    await expect(ProjectStore.create(nowhere)).rejects.toMatchObject({ code: 'OUTPUT_DIR_MISSING' });
    // A failing first write (empty name violates a CHECK) removes the new file and lock.
    const other = join(dirname(path), 'b.redub');
    await expect(ProjectStore.create(other, { name: ' ' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(readdirSync(dirname(path))).toEqual(['film.redub']);
  });

  it('create builds the file under a temporary name: contents that fail leave nothing, and no -wal', async () => {
    const path = tempProjectPath();
    const failing = ProjectStore.create(path, {
      init: (store) => {
        store.segments.add({ start: 0, end: 1 });
        expect(existsSync(path)).toBe(false); // not yet visible under its name
        throw new Error('the second dub could not be added');
      },
    });
    await expect(failing).rejects.toThrow('the second dub could not be added');
    expect(readdirSync(dirname(path))).toEqual([]);
    const made = await ProjectStore.create(path, { init: (store) => void store.segments.add({ start: 0, end: 1 }) });
    expect(made.segments.list()).toHaveLength(1);
    await made.close();
    expect(readdirSync(dirname(path)).sort()).toEqual(['film.redub', 'film.redub.bak-1']);
  });

  it('a Redub file without its project record is damaged, not half-usable', async () => {
    const path = tempProjectPath();
    await (await ProjectStore.create(path)).close();
    const db = new Database(path);
    db.exec('DELETE FROM projects');
    db.close();
    await expect(ProjectStore.open(path)).rejects.toMatchObject({
      code: 'PROJECT_CORRUPT',
      message: expect.stringContaining('no project record'),
    });
    expect(existsSync(lockPathOf(path))).toBe(false);
  });
});

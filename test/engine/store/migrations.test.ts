import { existsSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestVersion, migrate, MIGRATIONS, type Migration, REDUB_APPLICATION_ID } from '../../../main/engine/store/migrations';
import { lockPathOf, ProjectStore } from '../../../main/engine/store';
import { tempProjectPath } from './helpers';

const TABLES = [
  'analysis_cache',
  'dub_clips',
  'dub_tracks',
  'edit_state',
  'edit_steps',
  'edits',
  'job_chunks',
  'jobs',
  'media',
  'projects',
  'renders',
  'segments',
  'speakers',
  'sqlite_sequence',
];

function tablesOf(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

const next: Migration = {
  version: latestVersion() + 1,
  name: 'test: segment notes',
  up: "ALTER TABLE segments ADD COLUMN note TEXT NOT NULL DEFAULT ''",
};

describe('migrations', () => {
  it('builds the whole schema from an empty file', () => {
    const path = tempProjectPath();
    writeFileSync(path, '');
    const db = new Database(path);
    expect(migrate(db, path)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(tablesOf(db)).toEqual(TABLES);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(db.pragma('application_id', { simple: true })).toBe(REDUB_APPLICATION_ID);
    expect(migrate(db, path)).toEqual([]); // idempotent
    db.close();
  });

  it('a created project is at the latest version with foreign keys on', async () => {
    const path = tempProjectPath();
    const store = await ProjectStore.create(path, { name: 'Trailer' });
    expect(store.project.get().name).toBe('Trailer');
    // WAL while open for writing; back to a rollback journal once closed (read-only opens then
    // leave no -wal/-shm behind).
    const reader = new Database(path, { readonly: true });
    expect(reader.pragma('journal_mode', { simple: true })).toBe('wal');
    reader.close();
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.close();
  });

  it('applies only the missing steps and keeps data', async () => {
    const path = tempProjectPath();
    const store = await ProjectStore.create(path);
    const seg = store.segments.add({ start: 1, end: 2 });
    await store.close();
    const db = new Database(path);
    expect(migrate(db, path, [...MIGRATIONS, next])).toEqual([next.version]);
    expect(db.prepare('SELECT note, start_time FROM segments WHERE id = ?').get(seg.id)).toEqual({ note: '', start_time: 1 });
    db.close();
  });

  it('a failing step rolls back entirely and leaves the version as it was', () => {
    const path = tempProjectPath();
    const db = new Database(path);
    migrate(db, path);
    const bad: Migration = { version: latestVersion() + 1, name: 'broken', up: 'CREATE TABLE half (x); SELECT * FROM no_such_table;' };
    expect(() => migrate(db, path, [...MIGRATIONS, bad])).toThrow(/no_such_table/);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(tablesOf(db)).not.toContain('half');
    db.close();
  });

  it('rejects a mis-ordered migration list before touching the file', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, 'mem', [next])).toThrow(/expected version 1/);
    expect(tablesOf(db)).toEqual([]);
    db.close();
  });

  it('opening a v1 project upgrades it in place, keeping its data', async () => {
    const path = tempProjectPath();
    const db = new Database(path);
    migrate(db, path, MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO projects (id, name, created_at, updated_at) VALUES ('p', 'Old', 0, 0)").run();
    db.prepare("INSERT INTO segments (id, project_id, start_time, end_time, created_at, updated_at) VALUES ('s', 'p', 1, 2, 0, 0)").run();
    db.close();

    const store = await ProjectStore.open(path);
    expect(store.project.get().name).toBe('Old');
    store.segments.update('s', { intensity: 0.5 });
    expect(store.history.undo()).toBe('edit segment'); // v2 (undo history) works on upgraded data
    expect(store.segments.get('s')).toMatchObject({ intensity: 1, revision: 3 });
    await store.close();
  });

  it('refuses a project written by a newer Redub', async () => {
    const path = tempProjectPath();
    await (await ProjectStore.create(path)).close();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    for (const readonly of [false, true]) {
      await expect(ProjectStore.open(path, { readonly })).rejects.toThrow(/written by a newer Redub \(schema v99/);
    }
    // The refusal released the lock: nothing left behind.
    expect(existsSync(lockPathOf(path))).toBe(false);
  });
});

import type Database from 'better-sqlite3';
import { RedubError } from '../errors';
import { V1_INITIAL } from './schema/v1-initial';
import { V2_UNDO } from './schema/v2-undo';
import { V3_SEGMENT_TEXT } from './schema/v3-segment-text';
import { V4_SPEAKERS } from './schema/v4-speakers';

export type { UndoableTable } from './schema/v2-undo';
/** The undoable tables' columns as the latest migration leaves them. */
export { UNDOABLE_TABLES } from './schema/v4-speakers';

/**
 * The one source of truth for the project schema. Never edit a released migration:
 * append a new one. The applied version lives in `PRAGMA user_version`, and
 * `PRAGMA application_id` marks the file as a Redub project (so another app's SQLite
 * file is refused instead of being "migrated").
 */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** 'Rdub' as a big-endian int32. */
export const REDUB_APPLICATION_ID = 0x52647562;

/** Ordered; the SQL of each step lives in schema/ (one file per migration). */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', up: V1_INITIAL },
  { version: 2, name: 'undo history', up: V2_UNDO },
  { version: 3, name: 'segment text', up: V3_SEGMENT_TEXT },
  { version: 4, name: 'speakers', up: V4_SPEAKERS },
];

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.length ? migrations[migrations.length - 1].version : 0;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Catches a mis-edited list (gap, duplicate, reorder) before it touches a user's file. */
function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list is broken at "${m.name}": expected version ${i + 1}`);
  });
}

export function assertNotNewer(db: Database.Database, file: string, migrations = MIGRATIONS): void {
  const current = schemaVersion(db);
  const known = latestVersion(migrations);
  if (current > known) {
    throw new RedubError(
      'INVALID_ARGUMENT',
      `project was written by a newer Redub (schema v${current}; this Redub knows up to v${known}); update Redub to open it`,
      file,
    );
  }
}

/**
 * Brings the file up to the latest schema. Each step runs in its own transaction with
 * its version bump, so a crash mid-upgrade leaves the file at the last complete version.
 * Returns the versions applied.
 */
export function migrate(db: Database.Database, file: string, migrations: readonly Migration[] = MIGRATIONS): number[] {
  assertOrdered(migrations);
  assertNotNewer(db, file, migrations);
  const applied: number[] = [];
  for (const m of migrations.slice(schemaVersion(db))) {
    db.transaction(() => {
      db.exec(m.up);
      if (m.version === 1) db.pragma(`application_id = ${REDUB_APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}

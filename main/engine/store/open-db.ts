import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { RedubError } from '../errors';
import { lastGoodBackup } from './backups';
import { acquireLock, type ProjectLock } from './lock';
import { assertNotNewer, latestVersion, migrate, REDUB_APPLICATION_ID, schemaVersion } from './migrations';

/**
 * Opening a project file: lock, open, prove it is an intact Redub project, migrate.
 * Every failure path closes what it opened and releases the lock.
 */
export interface OpenedDb {
  db: Database.Database;
  lock?: ProjectLock;
}

/** Per-connection settings; none of them persist in the file except journal_mode. */
function configure(db: Database.Database, readonly: boolean): void {
  if (!readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // WAL + NORMAL cannot corrupt the file; at worst a power cut loses the last edit.
  db.pragma('synchronous = NORMAL');
}

export function corruptError(path: string, detail: string): RedubError {
  const backup = lastGoodBackup(path);
  const offer = backup ? `last good backup: ${backup}` : 'no backup available';
  return new RedubError('PROJECT_CORRUPT', `file is not a Redub project or is damaged (${detail}); ${offer}`, path);
}

/** Throws PROJECT_CORRUPT unless the file reads as a Redub database and passes quick_check. */
function checkIntegrity(db: Database.Database, path: string): void {
  let appId: unknown;
  let check: string[];
  try {
    appId = db.pragma('application_id', { simple: true });
    check = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((r) => r.quick_check);
  } catch (e) {
    throw corruptError(path, (e as Error).message);
  }
  if (appId !== REDUB_APPLICATION_ID) throw corruptError(path, 'no Redub project header');
  if (check.length !== 1 || check[0] !== 'ok') throw corruptError(path, `integrity check: ${check[0]}`);
}

function withCleanup<T>(db: Database.Database, lock: ProjectLock | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    db.close();
    lock?.release();
    throw e;
  }
}

export function createProjectDb(path: string): OpenedDb {
  if (existsSync(path)) throw new RedubError('OUTPUT_EXISTS', 'a file already exists here', path);
  const lock = acquireLock(path);
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (e) {
    lock.release();
    throw new RedubError('OUTPUT_DIR_MISSING', `cannot create project (${(e as Error).message})`, path);
  }
  return withCleanup(db, lock, () => {
    configure(db, false);
    migrate(db, path);
    return { db, lock };
  });
}

export function openProjectDb(path: string, readonly: boolean): OpenedDb {
  if (!existsSync(path)) throw new RedubError('FILE_NOT_FOUND', 'project not found', path);
  // Lock before reading: a file another process is writing is "in use", not "corrupt".
  const lock = readonly ? undefined : acquireLock(path);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly, fileMustExist: true });
  } catch (e) {
    lock?.release();
    throw corruptError(path, (e as Error).message);
  }
  return withCleanup(db, lock, () => {
    checkIntegrity(db, path);
    try {
      configure(db, readonly);
    } catch (e) {
      throw corruptError(path, (e as Error).message);
    }
    assertNotNewer(db, path);
    if (!readonly) migrate(db, path);
    else if (schemaVersion(db) < latestVersion()) {
      throw new RedubError('INVALID_ARGUMENT', 'project uses an older format; open it for editing once to upgrade it', path);
    }
    return { db, lock };
  });
}

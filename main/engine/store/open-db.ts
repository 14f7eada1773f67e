import { existsSync, linkSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { RedubError } from '../errors';
import { partialPath } from '../media/partials';
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

/**
 * Per-connection settings; none of them persist in the file except journal_mode. A project is
 * in WAL mode only while a writer has it open (readers then see its -wal and -shm, and work
 * alongside an export); closed, it is back in rollback-journal mode, so a read-only open (`redub
 * jobs`, backups, inspection) reads the bare file and leaves no -wal/-shm behind.
 */
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

/**
 * SQLite errors that mean the bytes are wrong, as opposed to the file being unreachable
 * (permissions, busy): only these may be called "damaged", since the usual answer to
 * damage is restoring a backup over the file.
 */
function isDamage(e: unknown): e is InstanceType<typeof Database.SqliteError> {
  if (!(e instanceof Database.SqliteError)) return false;
  return e.code === 'SQLITE_NOTADB' || e.code.startsWith('SQLITE_CORRUPT') || e.code === 'SQLITE_IOERR_SHORT_READ';
}

function classify(path: string, e: unknown): Error {
  if (isDamage(e)) return corruptError(path, e.message);
  if (e instanceof Database.SqliteError) {
    return new RedubError('MEDIA_UNREADABLE', `cannot open the project file (${e.message})`, path);
  }
  return e as Error;
}

/** Throws PROJECT_CORRUPT unless the file reads as a Redub database and passes quick_check. */
function checkIntegrity(db: Database.Database, path: string): void {
  let appId: unknown;
  let check: string[];
  try {
    appId = db.pragma('application_id', { simple: true });
    check = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((r) => r.quick_check);
  } catch (e) {
    throw classify(path, e);
  }
  if (appId !== REDUB_APPLICATION_ID) throw corruptError(path, 'no Redub project header');
  if (check.length !== 1 || check[0] !== 'ok') throw corruptError(path, `integrity check: ${check[0]}`);
}

/** Runs fn; on failure closes the connection, releases the lock, runs `undo`, rethrows. */
export function withCleanup<T>(db: Database.Database, lock: ProjectLock | undefined, fn: () => T, undo?: () => void): T {
  try {
    return fn();
  } catch (e) {
    db.close();
    undo?.();
    lock?.release();
    throw e;
  }
}

function removeProjectFiles(path: string): void {
  for (const p of [path, `${path}-wal`, `${path}-shm`]) rmSync(p, { force: true });
}

/** Moves the finished file into place without ever replacing a file that appeared meanwhile. */
function publish(tmp: string, path: string): void {
  try {
    linkSync(tmp, path);
    unlinkSync(tmp);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new RedubError('OUTPUT_EXISTS', 'a file already exists here', path);
    // Filesystems without hard links (FAT, some network shares): a plain rename, checked just before.
    if (existsSync(path)) throw new RedubError('OUTPUT_EXISTS', 'a file already exists here', path);
    renameSync(tmp, path);
  }
}

/**
 * Creates the file, its schema and its first rows (`init`) under a temporary name, and moves it
 * into place only once all of it succeeded: a failed create leaves nothing behind (no project,
 * no backup, no -wal). The lock on the final path keeps two creators apart meanwhile.
 */
export function createProjectFile(path: string, init: (db: Database.Database) => void): void {
  if (existsSync(path)) throw new RedubError('OUTPUT_EXISTS', 'a file already exists here', path);
  if (!existsSync(dirname(path))) throw new RedubError('OUTPUT_DIR_MISSING', 'folder does not exist', path);
  const lock = acquireLock(path);
  // Hidden, beside the final file (same filesystem, so the move is atomic); swept if we are killed.
  const tmp = partialPath(path);
  try {
    removeProjectFiles(tmp);
    let db: Database.Database;
    try {
      db = new Database(tmp);
    } catch (e) {
      throw new RedubError('OUTPUT_DIR_MISSING', `cannot create project (${(e as Error).message})`, path);
    }
    try {
      configure(db, false);
      db.transaction(() => {
        migrate(db, path);
        init(db);
      }).immediate();
    } finally {
      closeProjectDb(db);
    }
    publish(tmp, path);
  } finally {
    removeProjectFiles(tmp);
    lock.release();
  }
}

/**
 * Closes a writer's connection. The last one out checkpoints the WAL into the file and puts the
 * file back in rollback-journal mode (SQLite refuses while other connections are open: then it
 * stays in WAL mode for them, and the last of them does it).
 */
export function closeProjectDb(db: Database.Database): void {
  if (!db.readonly) {
    try {
      // Without waiting: a connection still open elsewhere keeps the WAL, and that is fine.
      db.pragma('busy_timeout = 0');
      db.pragma('journal_mode = DELETE');
    } catch {
      /* busy: another connection still uses the WAL */
    }
  }
  db.close();
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
    throw classify(path, e);
  }
  return withCleanup(db, lock, () => {
    checkIntegrity(db, path);
    try {
      configure(db, readonly);
    } catch (e) {
      throw classify(path, e);
    }
    assertNotNewer(db, path);
    if (!readonly) migrate(db, path);
    else if (schemaVersion(db) < latestVersion()) {
      throw new RedubError('INVALID_ARGUMENT', 'project uses an older format; open it for editing once to upgrade it', path);
    }
    if (!db.prepare('SELECT 1 FROM projects LIMIT 1').get()) throw corruptError(path, 'no project record');
    return { db, lock };
  });
}

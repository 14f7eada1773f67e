import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { RedubError } from '../errors';
import { acquireLock } from './lock';
import { REDUB_APPLICATION_ID } from './migrations';

/**
 * Rolling backups beside the project: P.redub.bak-1 (newest) .. P.redub.bak-3 (oldest).
 * Taken only from a database that just passed quick_check, so a backup is never a copy of
 * damage. Each backup is a self-contained rollback-journal file (no -wal/-shm to lose).
 */
export const BACKUP_SLOTS = 3;
export const DEFAULT_BACKUP_INTERVAL_MS = 10 * 60_000;

export const backupPath = (projectPath: string, slot: number): string => `${projectPath}.bak-${slot}`;

export function listBackups(projectPath: string): string[] {
  const paths: string[] = [];
  for (let slot = 1; slot <= BACKUP_SLOTS; slot++) {
    const p = backupPath(projectPath, slot);
    if (existsSync(p)) paths.push(p);
  }
  return paths;
}

/** True when the newest backup is younger than the interval (so taking another is pointless). */
export function backupIsRecent(projectPath: string, intervalMs: number, at = Date.now()): boolean {
  const newest = backupPath(projectPath, 1);
  return existsSync(newest) && at - statSync(newest).mtimeMs < intervalMs;
}

function rotate(projectPath: string): void {
  rmSync(backupPath(projectPath, BACKUP_SLOTS), { force: true });
  for (let slot = BACKUP_SLOTS - 1; slot >= 1; slot--) {
    const from = backupPath(projectPath, slot);
    if (existsSync(from)) renameSync(from, backupPath(projectPath, slot + 1));
  }
}

/** Copies a live database into bak-1 (rotating the others). Written to a temp name first. */
export async function takeBackup(db: Database.Database, projectPath: string): Promise<string> {
  // Unique: two stores of one process may back up at once.
  const tmp = `${projectPath}.bak-tmp-${process.pid}-${randomUUID().slice(0, 8)}`;
  rmSync(tmp, { force: true });
  try {
    await db.backup(tmp);
    const copy = new Database(tmp);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    rotate(projectPath);
    const dest = backupPath(projectPath, 1);
    renameSync(tmp, dest);
    return dest;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Opens a file read-only and says whether it is an intact Redub project. */
export function isHealthyProject(path: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    if (db.pragma('application_id', { simple: true }) !== REDUB_APPLICATION_ID) return false;
    return db.pragma('quick_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

export function lastGoodBackup(projectPath: string): string | undefined {
  return listBackups(projectPath).find(isHealthyProject);
}

/**
 * Puts a backup in place of the project. The damaged file is kept (renamed to
 * P.redub.damaged-<time>) rather than deleted: it may still hold recoverable work.
 * Refuses while the project is open anywhere. Returns where the old file went, if any.
 */
export function restoreBackup(projectPath: string, from = lastGoodBackup(projectPath)): string | undefined {
  if (!from || !isHealthyProject(from)) {
    throw new RedubError('PROJECT_CORRUPT', 'no intact backup to restore from', projectPath);
  }
  const lock = acquireLock(projectPath);
  try {
    const aside = `${projectPath}.damaged-${Date.now()}`;
    const movedTo = existsSync(projectPath) ? aside : undefined;
    if (movedTo) renameSync(projectPath, movedTo);
    // A leftover WAL would be replayed onto the restored file; it belongs with the old one.
    for (const ext of ['-wal', '-shm']) {
      if (existsSync(projectPath + ext)) renameSync(projectPath + ext, aside + ext);
    }
    const tmp = `${projectPath}.restore-tmp`;
    copyFileSync(from, tmp);
    renameSync(tmp, projectPath);
    return movedTo;
  } finally {
    lock.release();
  }
}

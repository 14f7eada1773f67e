import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { migrate, MIGRATIONS } from '../../../main/engine/store/migrations';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const HOLDER = fileURLToPath(new URL('./fixtures/hold-project.ts', import.meta.url));

/** A fresh temp dir per call, removed after the test. */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempProjectPath(name = 'film.redub'): string {
  const dir = mkdtempSync(join(tmpdir(), 'redub-store-'));
  dirs.push(dir);
  return join(dir, name);
}

/**
 * A project file as schema version `version` left it: project p1 with one segment s1 (0–2 s),
 * for tests of what a later migration does to it on open.
 */
export function oldProjectWithSegment(version: number): string {
  const path = tempProjectPath();
  writeFileSync(path, '');
  const db = new Database(path);
  migrate(db, path, MIGRATIONS.slice(0, version));
  const t = Date.now();
  db.prepare('INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run('p1', 'old', t, t);
  const segment = db.prepare(
    'INSERT INTO segments (id, project_id, start_time, end_time, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  segment.run('s1', 'p1', 0, 2, t, t);
  db.close();
  return path;
}

export interface HolderReport {
  ok: boolean;
  pid?: number;
  claimed?: string | null;
  code?: string;
  message?: string;
}

/** Starts the fixture in another process; resolves with its first report line. */
export function startHolder(path: string, mode?: 'hold'): { proc: ChildProcess; report: Promise<HolderReport> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', HOLDER, path, ...(mode ? [mode] : [])], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const report = new Promise<HolderReport>((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)) as HolderReport);
    });
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('exit', (code) => reject(new Error(`holder exited (${code}) without a report: ${err}`)));
  });
  return { proc, report };
}

export function exited(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once('exit', () => resolve())));
}

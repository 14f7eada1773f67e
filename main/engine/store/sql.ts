import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { RedubError } from '../errors';

/** Small helpers shared by the repositories: ids, clocks, value mapping, patch updates. */

export type Db = Database.Database;
export type Row = Record<string, unknown>;

export const newId = (): string => randomUUID();
export const now = (): number => Date.now();

export const toBit = (b: boolean): 0 | 1 => (b ? 1 : 0);
export const fromBit = (v: unknown): boolean => v === 1;

export function parseJson<T>(v: unknown, fallback: T): T {
  return typeof v === 'string' ? (JSON.parse(v) as T) : fallback;
}

/** Maps a camelCase patch field to its column and, if needed, how to store the value. */
export type ColumnMap<T> = { [K in keyof T]?: string | [string, (v: T[K]) => unknown] };

/**
 * UPDATE table SET <mapped fields of patch> WHERE id = ?. Unknown and undefined fields are
 * ignored (only mapped columns are ever named, so a patch cannot inject SQL).
 * Returns the number of rows changed.
 */
export function updateById<T>(db: Db, table: string, id: string, patch: Partial<T>, map: ColumnMap<T>, extra: Row = {}): number {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const key of Object.keys(patch) as (keyof T)[]) {
    const spec = map[key];
    const value = patch[key];
    if (spec === undefined || value === undefined) continue;
    const [column, encode] = typeof spec === 'string' ? [spec, (v: unknown) => v] : spec;
    sets.push(`${column} = ?`);
    values.push(encode(value as T[keyof T]));
  }
  if (!sets.length) return 0;
  for (const [column, value] of Object.entries(extra)) {
    sets.push(`${column} = ?`);
    values.push(value);
  }
  return guard(() => db.prepare(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = ?`).run(...values, id).changes);
}

/**
 * Turns constraint violations (a caller passing intensity 3, an unknown track id…) into
 * one-line INVALID_ARGUMENT errors; anything else propagates untouched.
 */
export function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Database.SqliteError && e.code.startsWith('SQLITE_CONSTRAINT')) {
      throw new RedubError('INVALID_ARGUMENT', `invalid project edit: ${e.message}`);
    }
    throw e;
  }
}

export function notFound(what: string, id: string): RedubError {
  return new RedubError('INVALID_ARGUMENT', `${what} ${id} does not exist in this project`);
}

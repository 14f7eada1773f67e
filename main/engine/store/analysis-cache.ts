import type { CacheEntry } from './types';
import { type Db, type Row } from './sql';

/**
 * Expensive analysis results (face tracks…) keyed by content hash + model hashes + params,
 * so the key itself says when an entry is obsolete; nothing is ever invalidated in place.
 */
export function cacheKey(...parts: (string | number)[]): string {
  return parts.map(String).join(':');
}

export class AnalysisCache {
  constructor(private readonly db: Db) {}

  get(key: string): CacheEntry | undefined {
    const r = this.db.prepare('SELECT * FROM analysis_cache WHERE key = ?').get(key) as Row | undefined;
    return r && { key: r.key as string, kind: r.kind as string, createdAt: r.created_at as number, payload: r.payload as Buffer };
  }

  put(key: string, kind: string, payload: Buffer | Uint8Array): void {
    this.db
      .prepare(
        `INSERT INTO analysis_cache (key, kind, created_at, payload) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at, payload = excluded.payload`,
      )
      .run(key, kind, Date.now(), Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
  }

  delete(key: string): void {
    this.db.prepare('DELETE FROM analysis_cache WHERE key = ?').run(key);
  }

  /** Drops every entry of one kind (e.g. after a model upgrade). Returns how many. */
  clearKind(kind: string): number {
    return this.db.prepare('DELETE FROM analysis_cache WHERE kind = ?').run(kind).changes;
  }
}

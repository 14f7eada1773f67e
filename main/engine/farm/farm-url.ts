import { RedubError } from '../errors';

/** Where the farm's Redis is, as ioredis takes it (BullMQ's `connection`). */
export interface FarmConnection {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  /** rediss:// */
  tls?: Record<string, never>;
  /** BullMQ workers must retry forever, so a Redis restart is waited out instead of failing the job. */
  maxRetriesPerRequest: null;
}

/** The URL with its password replaced, for every message and log line (the password is never printed). */
export function redactFarmUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

/** Parses `redis://[:password@]HOST:PORT[/db]` (or rediss:// for TLS); a bad URL is one line naming it, redacted. */
export function parseFarmUrl(url: string): FarmConnection {
  const shown = redactFarmUrl(url);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RedubError('INVALID_ARGUMENT', `--farm ${shown}: not a URL (expected redis://[:password@]HOST:PORT[/db])`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new RedubError('INVALID_ARGUMENT', `--farm ${shown}: the scheme must be redis:// or rediss:// (TLS)`);
  if (!u.hostname) throw new RedubError('INVALID_ARGUMENT', `--farm ${shown}: no host`);
  const port = u.port ? Number(u.port) : 6379;
  const dbText = u.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0)
    throw new RedubError('INVALID_ARGUMENT', `--farm ${shown}: the database must be a number, not "${dbText}"`);
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port,
    db,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

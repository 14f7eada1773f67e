import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * trust.json in the models dir: the SHA-256 seen on the first download (or import)
 * of each model that has no pinned hash. A CRC-32 sidecar from the same server only
 * catches corruption; pinning what we saw first also catches a later swap.
 */
export interface TrustRecord {
  sha256: string;
  size: number;
  source: 'download' | 'import';
  recordedAt: string;
  /** Where it came from: the URL or the imported file's path. */
  from: string;
}

export interface TrustFile {
  version: 1;
  models: Record<string, TrustRecord>;
}

export const TRUST_FILE = 'trust.json';

export async function readTrust(dir: string): Promise<TrustFile> {
  try {
    const parsed = JSON.parse(await readFile(join(dir, TRUST_FILE), 'utf8')) as TrustFile;
    if (parsed && parsed.version === 1 && typeof parsed.models === 'object') return parsed;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return { version: 1, models: {} };
}

/** Written through a temp file and rename so that a crash never leaves half a trust store. */
export async function writeTrust(dir: string, trust: TrustFile): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `${TRUST_FILE}.${process.pid}.tmp`);
  await writeFile(tmp, `${JSON.stringify(trust, null, 2)}\n`);
  await rename(tmp, join(dir, TRUST_FILE));
}

export async function recordTrust(dir: string, name: string, record: TrustRecord): Promise<void> {
  const trust = await readTrust(dir);
  trust.models[name] = record;
  await writeTrust(dir, trust);
}

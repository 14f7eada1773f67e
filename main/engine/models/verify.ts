import { stat } from 'node:fs/promises';
import { modelPath, type ModelContext } from './context';
import { digestFile } from './hash';
import type { ModelEntry } from './manifest';
import { readTrust } from './trust';

export interface VerifyResult {
  name: string;
  path: string;
  installed: boolean;
  /** true: matches the pinned or trusted SHA-256; false: it does not, or nothing to check against. */
  ok: boolean;
  /** 'pinned' (manifest sha256) or 'trusted' (trust.json, recorded on first download/import). */
  against: 'pinned' | 'trusted' | 'none';
  sha256?: string;
  reason?: string;
}

/** Cache of verified files keyed on path+size+mtime: list() stays cheap on large models. */
const verified = new Map<string, string>();
const cacheKey = (path: string, size: number, mtimeMs: number) => `${path}|${size}|${mtimeMs}`;

async function fileStat(path: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch {
    return null;
  }
}

/** The SHA-256 a file must have: the manifest's pin, else what trust.json recorded. */
export async function expectedSha(ctx: ModelContext, m: ModelEntry): Promise<{ sha: string | null; against: VerifyResult['against'] }> {
  if (m.sha256) return { sha: m.sha256, against: 'pinned' };
  const t = (await readTrust(ctx.dir)).models[m.name];
  return t ? { sha: t.sha256, against: 'trusted' } : { sha: null, against: 'none' };
}

export async function verifyModel(ctx: ModelContext, m: ModelEntry): Promise<VerifyResult> {
  const path = modelPath(ctx, m);
  const st = await fileStat(path);
  const base = { name: m.name, path };
  if (!st) return { ...base, installed: false, ok: false, against: 'none', reason: 'not installed' };
  const want = await expectedSha(ctx, m);
  const key = cacheKey(path, st.size, st.mtimeMs);
  const sha = verified.get(key) ?? (await digestFile(path)).sha256;
  verified.set(key, sha);
  if (!want.sha)
    return { ...base, installed: true, ok: false, against: 'none', sha256: sha, reason: 'no recorded SHA-256 (re-download or import it)' };
  const ok = sha === want.sha;
  const reason = ok ? undefined : `SHA-256 ${sha} does not match the ${want.against} ${want.sha}`;
  return { ...base, installed: true, ok, against: want.against, sha256: sha, reason };
}

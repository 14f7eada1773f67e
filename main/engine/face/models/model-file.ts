import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RedubError } from '../../errors';
import { fetchOnFirstUse } from '../../models/first-use';
import { digestFile } from '../../models/hash';
import { engineSettings } from '../../settings';
import { faceManifestModels, type ModelDescriptor } from './descriptors';

interface Verified {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** Verification results keyed by path; persisted so a model is hashed once per change, not per run. */
let memo: Record<string, Verified> | undefined;

function memoPath(): string {
  return join(engineSettings().cacheDir, 'model-verify.json');
}

async function loadMemo(): Promise<Record<string, Verified>> {
  if (memo) return memo;
  try {
    memo = JSON.parse(await readFile(memoPath(), 'utf8')) as Record<string, Verified>;
  } catch {
    memo = {};
  }
  return memo;
}

async function saveMemo(m: Record<string, Verified>): Promise<void> {
  try {
    await mkdir(engineSettings().cacheDir, { recursive: true });
    const tmp = `${memoPath()}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(m));
    await rename(tmp, memoPath());
  } catch {
    // A read-only cache only costs a rehash next time.
  }
}

/** Counts full hashes, so tests can see that the size+mtime memo works. */
export const modelHashStats = { hashed: 0 };

const statFile = (path: string) => stat(path).catch(() => undefined);

/**
 * Finds a model in the models directory and checks its SHA-256 against the descriptor. The
 * first use downloads the face models (mirrors: REDUB_MODELS_URL). Returns the absolute path;
 * throws MODEL_MISSING / MODEL_INVALID naming the file and folder.
 */
export async function locateModel(d: ModelDescriptor, modelsDir = engineSettings().modelsDir): Promise<string> {
  const path = join(modelsDir, d.file);
  let st = await statFile(path);
  if (!st?.isFile()) {
    await fetchOnFirstUse(faceManifestModels(), modelsDir);
    st = await statFile(path);
  }
  if (!st?.isFile()) {
    throw new RedubError(
      'MODEL_MISSING',
      `model ${d.file} not found in ${modelsDir} (set REDUB_MODELS_DIR or the models folder setting)`,
      path,
    );
  }
  const m = await loadMemo();
  const seen = m[path];
  if (seen && seen.size === st.size && seen.mtimeMs === st.mtimeMs && seen.sha256 === d.sha256) return path;
  modelHashStats.hashed++;
  const { sha256: sha } = await digestFile(path);
  if (sha !== d.sha256) {
    throw new RedubError('MODEL_INVALID', `model ${d.file} is corrupt or a different version (sha256 ${sha}, expected ${d.sha256})`, path);
  }
  m[path] = { size: st.size, mtimeMs: st.mtimeMs, sha256: sha };
  await saveMemo(m);
  return path;
}

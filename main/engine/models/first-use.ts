import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { isRedubError, RedubError } from '../errors';
import { modelContext, modelPath, type ModelContext } from './context';
import { downloadLock, fetchVerified, installVerified, type VerifiedPart } from './download';
import { emitModelFetch } from './fetch-events';
import { withLock } from './lock';
import { findModel, type ModelEntry } from './manifest';

/** Progress events at most this often per model. */
const PROGRESS_INTERVAL_MS = 150;
/** Tries per URL: a first run without a network must say so in seconds, not after a minute of retries. */
const ATTEMPTS = 2;

const inFlight = new Map<string, Promise<void>>();

/**
 * Installs the named models where they are missing, so that a first run needs no manual step.
 * Only for models anyone may use (the face models: a few MB, Apache-2.0); the others need the
 * user's consent to their licence (`redub models download`, the Models panel). Every missing
 * model is downloaded and verified before any is installed: one that fails its SHA-256 is
 * deleted and nothing is installed. Progress goes to the fetch-events listeners.
 */
export function fetchOnFirstUse(names: readonly string[], dir: string): Promise<void> {
  const key = `${dir}|${names.join(',')}`;
  let p = inFlight.get(key);
  if (!p) {
    p = fetchMissing(names, dir).finally(() => inFlight.delete(key));
    inFlight.set(key, p);
  }
  return p;
}

async function fetchMissing(names: readonly string[], dir: string): Promise<void> {
  const ctx = modelContext({ dir });
  const entries = names.map((n) => findModel(n, ctx.manifest));
  const restricted = entries.find((m) => !m.licence.commercialUse);
  if (restricted) throw new Error(`${restricted.name} (${restricted.licence.id}) is only downloaded with the user's consent`);
  const missing = entries.filter((m) => !existsSync(modelPath(ctx, m)));
  if (missing.length === 0) return;
  await mkdir(ctx.dir, { recursive: true });
  await withLocks(ctx, missing, () => fetchAll(ctx, missing));
}

function withLocks<T>(ctx: ModelContext, ms: ModelEntry[], fn: () => Promise<T>): Promise<T> {
  const [first, ...rest] = ms;
  return first ? withLock(downloadLock(ctx, first), first.name, () => withLocks(ctx, rest, fn)) : fn();
}

async function fetchAll(ctx: ModelContext, ms: ModelEntry[]): Promise<void> {
  const fetched: VerifiedPart[] = [];
  try {
    for (const m of ms) fetched.push(await fetchOne(ctx, m));
  } catch (e) {
    // All or nothing: the verified parts go too (a few MB), so a failed run leaves no model behind.
    for (const v of fetched) await rm(v.part, { force: true });
    throw e;
  }
  for (const v of fetched) {
    await installVerified(ctx, v);
    emitModelFetch({ name: v.entry.name, state: 'done', received: v.digest.size, total: v.digest.size, error: null });
  }
}

async function fetchOne(ctx: ModelContext, m: ModelEntry): Promise<VerifiedPart> {
  let last = 0;
  emitModelFetch({ name: m.name, state: 'running', received: 0, total: m.size, error: null });
  try {
    return await fetchVerified(ctx, m, {
      attempts: ATTEMPTS,
      onProgress: (p) => {
        const now = Date.now();
        if (now - last < PROGRESS_INTERVAL_MS && p.received !== p.total) return;
        last = now;
        emitModelFetch({ name: m.name, state: 'running', received: p.received, total: p.total, error: null });
      },
    });
  } catch (e) {
    const error = unreachable(ctx, m, e);
    emitModelFetch({ name: m.name, state: 'failed', received: 0, total: m.size, error: error.message });
    throw error;
  }
}

/** No server answered (offline, a firewall, a dead mirror): one line saying how to get it anyway. */
function unreachable(ctx: ModelContext, m: ModelEntry, e: unknown): Error {
  if (!isRedubError(e) || e.code !== 'MODEL_MISSING') return e as Error;
  const why = e.message.replace(/^download failed /, '');
  return new RedubError(
    'MODEL_MISSING',
    `model ${m.file} is not in ${ctx.dir} and could not be downloaded ${why}: ` +
      `copy it in with \`redub models import FILE --role ${m.role}\`, or set REDUB_MODELS_DIR to a folder that has it`,
  );
}

import * as ort from 'onnxruntime-node';
import { RedubError } from '../errors';
import { availableProviders, preferenceFromEnv, type ProviderName, type ProviderPreference } from './providers';

/**
 * Sessions for the neural stages: created once per model and provider preference,
 * with a clean fall-back to CPU (and a warning) when the preferred provider is missing
 * or refuses the model.
 */

export interface ModelSession {
  session: ort.InferenceSession;
  path: string;
  /** Where it actually runs. */
  provider: ProviderName;
  /** Why a preferred provider was skipped, if one was. */
  fallback?: string;
}

export interface SessionPoolOptions {
  preference?: ProviderPreference;
  /** Where fall-back warnings go (default: stderr). */
  warn?: (message: string) => void;
  sessionOptions?: ort.InferenceSession.SessionOptions;
}

/** onnxruntime's messages start with a source path and a lambda name: keep the human part. */
export function shortOrtError(e: unknown): string {
  const line = String((e as Error)?.message ?? e).split('\n')[0];
  const i = line.lastIndexOf('Failed to');
  return i > 0 ? line.slice(i) : line;
}

const defaultWarn = (m: string) => process.stderr.write(`redub: warning: ${m}\n`);

function baseOptions(extra?: ort.InferenceSession.SessionOptions): ort.InferenceSession.SessionOptions {
  // Level 3 = errors only: onnxruntime's graph warnings are noise for users.
  return { graphOptimizationLevel: 'all', logSeverityLevel: process.env.REDUB_DEBUG ? 2 : 3, ...extra };
}

/** Tries each provider in order; CPU last, which only fails for a broken model. */
export async function createSession(path: string, o: SessionPoolOptions = {}): Promise<ModelSession> {
  const pref = o.preference ?? preferenceFromEnv();
  const warn = o.warn ?? defaultWarn;
  const info = new Map(availableProviders().map((p) => [p.name, p]));
  const skipped: string[] = [];
  for (const name of pref.order) {
    const p = info.get(name)!;
    if (!p.usable) {
      skipped.push(`${name}: ${p.reason}`);
      continue;
    }
    try {
      const session = await ort.InferenceSession.create(path, { ...baseOptions(o.sessionOptions), executionProviders: [name] });
      const fallback = skipped.length ? skipped.join('; ') : undefined;
      if (fallback && pref.explicit) warn(`${fallback}; running on ${name}`);
      return { session, path, provider: name, fallback };
    } catch (e) {
      if (name === 'cpu') throw new RedubError('MODEL_INVALID', `onnxruntime cannot load the model (${shortOrtError(e)})`, path);
      skipped.push(`${name}: session creation failed (${shortOrtError(e)})`);
    }
  }
  throw new RedubError('MODEL_INVALID', 'no execution provider could load the model', path);
}

export interface SessionReport {
  path: string;
  provider: ProviderName;
  fallback?: string;
}

export class SessionPool {
  private readonly sessions = new Map<string, Promise<ModelSession>>();

  constructor(private readonly options: SessionPoolOptions = {}) {}

  /** The session for a model file, created on first use. */
  get(path: string): Promise<ModelSession> {
    const pref = this.options.preference ?? preferenceFromEnv();
    const key = `${path}|${pref.order.join(',')}`;
    let s = this.sessions.get(key);
    if (!s) {
      s = createSession(path, { ...this.options, preference: pref });
      // A failed load must not poison later attempts (the user may fix the file).
      s.catch(() => this.sessions.delete(key));
      this.sessions.set(key, s);
    }
    return s;
  }

  /** Which provider each live session runs on. */
  async report(): Promise<SessionReport[]> {
    const settled = await Promise.allSettled(this.sessions.values());
    return settled.flatMap((r) =>
      r.status === 'fulfilled' ? [{ path: r.value.path, provider: r.value.provider, fallback: r.value.fallback }] : [],
    );
  }

  async releaseAll(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    for (const r of await Promise.allSettled(all)) if (r.status === 'fulfilled') await r.value.session.release();
  }
}

let shared: SessionPool | undefined;

/** The process-wide pool for the neural stages. */
export function neuralSessions(): SessionPool {
  shared ??= new SessionPool();
  return shared;
}

/**
 * Whether a provider really works here: "listed" only means the binary knows it (WebGPU
 * is listed on Linux even without an adapter). Loads `path` on that provider alone.
 */
export async function probeProvider(path: string, name: ProviderName): Promise<{ ok: boolean; error?: string }> {
  try {
    const s = await ort.InferenceSession.create(path, { ...baseOptions(), executionProviders: [name] });
    await s.release();
    return { ok: true };
  } catch (e) {
    return { ok: false, error: shortOrtError(e) };
  }
}

import { open, stat, truncate } from 'node:fs/promises';
import { RedubError } from '../errors';

/**
 * Resumable HTTP(S) transfer into a `.part` file. The part survives a dropped
 * connection, a cancel or a crash; the next attempt asks for the rest with a Range
 * request. Mirrors are tried in order when one fails for good.
 */

export interface TransferProgress {
  /** Bytes in the .part file so far (including what an earlier attempt left). */
  received: number;
  /** Whole file size when the server says it (or the manifest knows it); else null. */
  total: number | null;
  url: string;
}

export interface TransferOptions {
  onProgress?: (p: TransferProgress) => void;
  signal?: AbortSignal;
  /** Failed attempts in a row, per URL, before the next mirror (default 3). */
  attempts?: number;
  /** Size from the manifest, for progress when the server does not send one. */
  expectedSize?: number | null;
}

async function partSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

function cancelled(): RedubError {
  return new RedubError('CANCELLED', 'download cancelled (the partial file is kept and resumes next time)');
}

/** Total size from `Content-Range: bytes a-b/total` or `bytes * /total`. */
function rangeTotal(header: string | null): number | null {
  const m = /\/(\d+)\s*$/.exec(header ?? '');
  return m ? Number(m[1]) : null;
}

function rangeStart(header: string | null): number | null {
  const m = /^bytes\s+(\d+)-/.exec(header ?? '');
  return m ? Number(m[1]) : null;
}

/** Disk problems are not network problems: retrying or trying a mirror cannot help. */
function localFailure(e: unknown, part: string): void {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') throw new RedubError('DISK_FULL', 'the disk is full (the partial download is kept)', part);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    throw new RedubError('OUTPUT_DIR_MISSING', `cannot write the models directory (${code}): choose another one (REDUB_MODELS_DIR)`, part);
  }
}

type AttemptResult = 'done' | 'restart';

class HttpError extends Error {
  constructor(
    readonly status: number,
    text: string,
  ) {
    super(`HTTP ${status} ${text}`);
  }
  /** 4xx (but timeouts and rate limits) will not get better by asking this URL again. */
  get permanent(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429;
  }
}

/** One request: appends to the part; 'restart' asks the caller to go again from byte 0. */
async function attempt(url: string, part: string, o: TransferOptions): Promise<AttemptResult> {
  const offset = await partSize(part);
  const headers: Record<string, string> = offset > 0 ? { Range: `bytes=${offset}-` } : {};
  const res = await fetch(url, { headers, signal: o.signal, redirect: 'follow' });
  if (res.status === 416) {
    // Nothing left to send: the part is complete, or longer than the file (then start over).
    await res.body?.cancel();
    const total = rangeTotal(res.headers.get('content-range'));
    if (total !== null && total === offset) return 'done';
    await truncate(part, 0);
    return 'restart';
  }
  if (res.status !== 200 && res.status !== 206) {
    await res.body?.cancel();
    throw new HttpError(res.status, res.statusText);
  }
  // A 200 ignores our Range (or there was none): the body is the whole file.
  const resumed = res.status === 206;
  if (resumed && rangeStart(res.headers.get('content-range')) !== offset) {
    await res.body?.cancel();
    await truncate(part, 0);
    return 'restart';
  }
  const length = Number(res.headers.get('content-length') ?? NaN);
  // What the server promises (checked at the end); the manifest size only feeds progress.
  const promised = rangeTotal(res.headers.get('content-range')) ?? (Number.isFinite(length) ? (resumed ? offset : 0) + length : null);
  await writeBody(res, part, resumed ? offset : 0, promised, url, o);
  return 'done';
}

async function writeBody(
  res: Response,
  part: string,
  start: number,
  promised: number | null,
  url: string,
  o: TransferOptions,
): Promise<void> {
  const total = promised ?? o.expectedSize ?? null;
  const fh = await open(part, start > 0 ? 'a' : 'w');
  let received = start;
  try {
    if (!res.body) return;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await fh.write(value);
      received += value.length;
      o.onProgress?.({ received, total, url });
    }
  } finally {
    await fh.close();
  }
  if (promised !== null && received < promised) throw new Error(`connection closed after ${received} of ${promised} bytes`);
}

/** fetch() says only "fetch failed"; the cause says why ("getaddrinfo ENOTFOUND host", "connect ECONNREFUSED …"). */
function reasonOf(e: unknown): string {
  const cause = (e as { cause?: { message?: string } }).cause?.message;
  return cause ? `${(e as Error).message}: ${cause}` : (e as Error).message;
}

/** 250 ms, 500 ms, … (capped): a struggling server gets a moment before the next try. */
function backoff(failures: number, signal?: AbortSignal): Promise<void> {
  const ms = Math.min(4000, 250 * 2 ** (failures - 1));
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}

/** Downloads into `part`, resuming what is there; returns the URL that delivered. */
export async function transfer(urls: string[], part: string, o: TransferOptions = {}): Promise<string> {
  const reasons: string[] = [];
  for (const url of urls) {
    let failures = 0;
    while (failures < (o.attempts ?? 3)) {
      if (o.signal?.aborted) throw cancelled();
      const before = await partSize(part);
      try {
        if ((await attempt(url, part, o)) === 'done') return url;
        failures++; // a restart from byte 0; bounded so a confused server cannot loop us
      } catch (e) {
        if (o.signal?.aborted) throw cancelled();
        localFailure(e, part);
        // Progress made means the connection dropped mid-way: resuming is worth another go.
        const progressed = (await partSize(part)) > before;
        failures = progressed ? 1 : failures + 1;
        const reason = `${url}: ${reasonOf(e)}`;
        if (reasons.at(-1) !== reason) reasons.push(reason);
        if (e instanceof HttpError && e.permanent) break;
        if (!progressed && failures < (o.attempts ?? 3)) await backoff(failures, o.signal);
      }
    }
  }
  throw new RedubError('MODEL_MISSING', `download failed (${reasons.slice(-3).join('; ')})`);
}

/** The sidecar next to a file: `…/name.onnx` → `…/name.hash`. */
export function sidecarUrl(url: string): string {
  const u = new URL(url);
  u.pathname = u.pathname.replace(/\.[^./]+$/, '') + '.hash';
  return u.toString();
}

/** Small text resources (sidecars); null when no mirror has it. */
export async function fetchText(urls: string[], signal?: AbortSignal): Promise<string | null> {
  for (const url of urls) {
    try {
      const res = await fetch(url, { signal, redirect: 'follow' });
      if (res.ok) return await res.text();
      await res.body?.cancel();
    } catch {
      if (signal?.aborted) throw cancelled();
    }
  }
  return null;
}

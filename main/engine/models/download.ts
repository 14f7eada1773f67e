import { mkdir, rename, rm } from 'node:fs/promises';
import { RedubError } from '../errors';
import { modelPath, partPath, type ModelContext } from './context';
import { digestFile, parseCrcSidecar, type FileDigest } from './hash';
import { licenceNotice, requireAcceptance, type LicenceNotice } from './licence';
import { withLock } from './lock';
import type { ModelEntry } from './manifest';
import { fetchText, sidecarUrl, transfer, type TransferProgress } from './transfer';
import { readTrust, recordTrust } from './trust';
import { verifyModel } from './verify';

export interface DownloadOptions {
  /** The caller has shown the licence and the user accepted it. Required. */
  acceptLicence?: boolean;
  onProgress?: (p: TransferProgress) => void;
  signal?: AbortSignal;
  /** Failed attempts per URL before the next mirror (default 3). */
  attempts?: number;
}

export interface DownloadResult {
  name: string;
  path: string;
  sha256: string;
  bytes: number;
  /** Where it came from; null when a verified copy was already installed. */
  url: string | null;
  licence: LicenceNotice;
  /** The SHA-256 was recorded in trust.json by this download (no pin, first time). */
  trustRecorded: boolean;
}

async function reject(part: string, name: string, why: string, url: string): Promise<never> {
  await rm(part, { force: true });
  throw new RedubError('MODEL_INVALID', `${name}: ${why} (downloaded from ${url}); the download was refused and deleted`);
}

/** The sidecar is fetched from the server that delivered the file first, then the mirrors. */
async function checkSidecar(
  ctx: ModelContext,
  m: ModelEntry,
  url: string,
  part: string,
  d: FileDigest,
  signal?: AbortSignal,
): Promise<void> {
  const others = ctx.urlsFor(m).filter((u) => u !== url);
  const text = await fetchText([url, ...others].map(sidecarUrl), signal);
  // No sidecar: keep the part (it may be fine) but do not install an unchecked file.
  if (text === null) throw new RedubError('MODEL_INVALID', `${m.name}: could not fetch its CRC-32 sidecar (${sidecarUrl(url)})`);
  const want = parseCrcSidecar(text);
  if (want === null) await reject(part, m.name, `its sidecar does not hold a CRC-32 ("${text.trim().slice(0, 20)}")`, url);
  if (want !== d.crc32) await reject(part, m.name, `CRC-32 ${d.crc32} does not match the sidecar's ${want}`, url);
}

/** Pinned hash, or sidecar + trust-on-first-download; returns whether trust was recorded. */
async function checkDownload(
  ctx: ModelContext,
  m: ModelEntry,
  url: string,
  part: string,
  d: FileDigest,
  signal?: AbortSignal,
): Promise<boolean> {
  if (m.sha256) {
    if (d.sha256 !== m.sha256) await reject(part, m.name, `SHA-256 ${d.sha256} does not match the pinned ${m.sha256}`, url);
    return false;
  }
  await checkSidecar(ctx, m, url, part, d, signal);
  const trusted = (await readTrust(ctx.dir)).models[m.name];
  if (trusted && trusted.sha256 !== d.sha256) {
    const why = `SHA-256 ${d.sha256} differs from the one recorded on first download (${trusted.sha256}, trust.json)`;
    await reject(part, m.name, why, url);
  }
  return !trusted;
}

/** A download in its .part file, checked, not yet installed under its final name. */
export interface VerifiedPart {
  entry: ModelEntry;
  part: string;
  path: string;
  url: string;
  digest: FileDigest;
  /** No pin and no trust record yet: record this SHA-256 on install. */
  recordTrust: boolean;
}

/** The lock that keeps two writers off one model's .part (see lock.ts). */
export const downloadLock = (ctx: ModelContext, m: ModelEntry): string => `${partPath(modelPath(ctx, m))}.lock`;

/** Downloads into the .part (resuming what is there) and verifies it; a bad one is deleted. Hold downloadLock. */
export async function fetchVerified(ctx: ModelContext, m: ModelEntry, o: DownloadOptions = {}): Promise<VerifiedPart> {
  const path = modelPath(ctx, m);
  const part = partPath(path);
  await mkdir(ctx.dir, { recursive: true });
  const url = await transfer(ctx.urlsFor(m), part, {
    onProgress: o.onProgress,
    signal: o.signal,
    expectedSize: m.size,
    attempts: o.attempts,
  });
  const digest = await digestFile(part);
  const recordTrust = await checkDownload(ctx, m, url, part, digest, o.signal);
  return { entry: m, part, path, url, digest, recordTrust };
}

/** Puts a verified part in place (a rename: a model file is never half there). Hold downloadLock. */
export async function installVerified(ctx: ModelContext, v: VerifiedPart): Promise<void> {
  await rename(v.part, v.path);
  if (!v.recordTrust) return;
  await recordTrust(ctx.dir, v.entry.name, {
    sha256: v.digest.sha256,
    size: v.digest.size,
    source: 'download',
    recordedAt: new Date().toISOString(),
    from: v.url,
  });
}

export async function downloadModel(ctx: ModelContext, m: ModelEntry, o: DownloadOptions = {}): Promise<DownloadResult> {
  requireAcceptance(m, o.acceptLicence);
  const licence = licenceNotice(m);
  const path = modelPath(ctx, m);
  const current = await verifyModel(ctx, m);
  if (current.ok) return { name: m.name, path, sha256: current.sha256!, bytes: 0, url: null, licence, trustRecorded: false };
  await mkdir(ctx.dir, { recursive: true });
  return withLock(downloadLock(ctx, m), m.name, async () => {
    const v = await fetchVerified(ctx, m, o);
    await installVerified(ctx, v);
    return { name: m.name, path, sha256: v.digest.sha256, bytes: v.digest.size, url: v.url, licence, trustRecorded: v.recordTrust };
  });
}

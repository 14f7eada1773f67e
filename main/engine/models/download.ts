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

async function reject(part: string, name: string, why: string): Promise<never> {
  await rm(part, { force: true });
  throw new RedubError('MODEL_INVALID', `${name}: ${why}; the corrupt download was removed, try again`);
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
  if (want === null) await reject(part, m.name, `its sidecar does not hold a CRC-32 ("${text.trim().slice(0, 20)}")`);
  if (want !== d.crc32) await reject(part, m.name, `CRC-32 ${d.crc32} does not match the sidecar's ${want}`);
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
    if (d.sha256 !== m.sha256) await reject(part, m.name, `SHA-256 ${d.sha256} does not match the pinned ${m.sha256}`);
    return false;
  }
  await checkSidecar(ctx, m, url, part, d, signal);
  const trusted = (await readTrust(ctx.dir)).models[m.name];
  if (trusted && trusted.sha256 !== d.sha256) {
    await reject(part, m.name, `SHA-256 ${d.sha256} differs from the one recorded on first download (${trusted.sha256}, trust.json)`);
  }
  return !trusted;
}

export async function downloadModel(ctx: ModelContext, m: ModelEntry, o: DownloadOptions = {}): Promise<DownloadResult> {
  requireAcceptance(m, o.acceptLicence);
  const licence = licenceNotice(m);
  const path = modelPath(ctx, m);
  const current = await verifyModel(ctx, m);
  if (current.ok) return { name: m.name, path, sha256: current.sha256!, bytes: 0, url: null, licence, trustRecorded: false };
  await mkdir(ctx.dir, { recursive: true });
  const part = partPath(path);
  return withLock(`${part}.lock`, m.name, async () => {
    const url = await transfer(ctx.urlsFor(m), part, { onProgress: o.onProgress, signal: o.signal, expectedSize: m.size });
    return finish(ctx, m, url, part, path, licence, o.signal);
  });
}

/** Verify the complete part, then install it under its final name. */
async function finish(
  ctx: ModelContext,
  m: ModelEntry,
  url: string,
  part: string,
  path: string,
  licence: LicenceNotice,
  signal?: AbortSignal,
): Promise<DownloadResult> {
  const digest = await digestFile(part);
  const record = await checkDownload(ctx, m, url, part, digest, signal);
  await rename(part, path);
  if (record) {
    await recordTrust(ctx.dir, m.name, {
      sha256: digest.sha256,
      size: digest.size,
      source: 'download',
      recordedAt: new Date().toISOString(),
      from: url,
    });
  }
  return { name: m.name, path, sha256: digest.sha256, bytes: digest.size, url, licence, trustRecorded: record };
}

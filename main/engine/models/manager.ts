import { existsSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { RedubError } from '../errors';
import { modelContext, modelPath, partPath, type ModelContext, type ModelContextOptions } from './context';
import { downloadModel, type DownloadOptions, type DownloadResult } from './download';
import { importModel, type ImportOptions, type ImportResult } from './import';
import { licenceNotice, type LicenceNotice } from './licence';
import { findModel, formatSize, type Licence, type ModelEntry, type ModelRole } from './manifest';
import { readTrust, writeTrust } from './trust';
import { verifyModel, type VerifyResult } from './verify';

export interface ModelStatus {
  name: string;
  role: ModelRole;
  file: string;
  path: string;
  installed: boolean;
  /** Hash checked (pinned or trusted); null when not asked to check. */
  verified: boolean | null;
  /** Manifest size (bytes) or null where unknown. */
  size: number | null;
  /** Bytes of a resumable partial download, if one is waiting. */
  partialBytes: number;
  licence: Licence;
  nonCommercial: boolean;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** The model manager: one models dir, the bundled manifest, all operations by model name. */
export class ModelManager {
  readonly ctx: ModelContext;

  constructor(o: ModelContextOptions = {}) {
    this.ctx = modelContext(o);
  }

  get dir(): string {
    return this.ctx.dir;
  }

  entry(name: string): ModelEntry {
    return findModel(name, this.ctx.manifest);
  }

  /** All manifest models; `verify: false` skips hashing (large files). */
  async list(o: { verify?: boolean } = {}): Promise<ModelStatus[]> {
    const out: ModelStatus[] = [];
    for (const m of this.ctx.manifest.models) out.push(await this.status(m, o.verify ?? true));
    return out;
  }

  private async status(m: ModelEntry, check: boolean): Promise<ModelStatus> {
    const path = modelPath(this.ctx, m);
    const installed = existsSync(path);
    const verified = installed && check ? (await verifyModel(this.ctx, m)).ok : installed ? null : false;
    const partialBytes = await sizeOf(partPath(path));
    return {
      name: m.name,
      role: m.role,
      file: m.file,
      path,
      installed,
      verified,
      size: m.size,
      partialBytes,
      licence: m.licence,
      nonCommercial: !m.licence.commercialUse,
    };
  }

  /** What to show (and have accepted) before downloading. */
  licence(name: string): LicenceNotice {
    return licenceNotice(this.entry(name));
  }

  download(name: string, o: DownloadOptions = {}): Promise<DownloadResult> {
    return downloadModel(this.ctx, this.entry(name), o);
  }

  /** `role` alone picks the entry whose interface fits; `{ role, name }` names it. */
  import(file: string, o: ImportOptions | ModelRole): Promise<ImportResult> {
    return importModel(this.ctx, file, typeof o === 'string' ? { role: o } : o);
  }

  /** One model, or every installed one when no name (or 'all') is given. */
  async verify(name?: string): Promise<VerifyResult[]> {
    if (name && name !== 'all') return [await verifyModel(this.ctx, this.entry(name))];
    const installed = this.ctx.manifest.models.filter((m) => existsSync(modelPath(this.ctx, m)));
    const out: VerifyResult[] = [];
    for (const m of installed) out.push(await verifyModel(this.ctx, m));
    return out;
  }

  /** Deletes the file and any partial download; the trust record stays (it guards re-downloads). */
  async remove(name: string): Promise<boolean> {
    const path = modelPath(this.ctx, this.entry(name));
    const had = existsSync(path) || existsSync(partPath(path));
    await rm(path, { force: true });
    await rm(partPath(path), { force: true });
    return had;
  }

  /** Forget the trusted SHA-256 of a model (to accept a new upstream version). */
  async untrust(name: string): Promise<void> {
    const trust = await readTrust(this.ctx.dir);
    delete trust.models[this.entry(name).name];
    await writeTrust(this.ctx.dir, trust);
  }

  /** Absolute path of an installed model, or MODEL_MISSING telling how to get it. */
  resolve(name: string): string {
    const m = this.entry(name);
    const path = modelPath(this.ctx, m);
    if (existsSync(path)) return path;
    throw new RedubError(
      'MODEL_MISSING',
      `${m.name} is not installed (${formatSize(m.size)}, licence ${m.licence.id}); get it with: redub models download ${m.name}`,
    );
  }
}

/** Absolute path of an installed model in the configured models dir. */
export function resolveModel(name: string): string {
  return new ModelManager().resolve(name);
}

import { basename } from 'node:path';
import type { RedubEvent } from '../../common/contract';
import type { ModelDownload, ModelInfo, ModelsReport } from '../../common/domain';
import { ModelManager, type ModelStatus } from '../engine/models/manager';
import { findModel } from '../engine/models/manifest';
import { availableProviders, preferenceFromEnv } from '../engine/models/providers';
import { neuralSessions } from '../engine/models/sessions';

/** Download progress events at most this often per model. */
const PROGRESS_INTERVAL_MS = 150;

function toModelInfo(s: ModelStatus): ModelInfo {
  return {
    name: s.name,
    role: s.role,
    file: s.file,
    installed: s.installed,
    licence: { id: s.licence.id, name: s.licence.name, url: s.licence.url },
    nonCommercial: s.nonCommercial,
    size: s.size,
    partialBytes: s.partialBytes,
    note: findModel(s.name).notes,
  };
}

/**
 * The Models panel's side: the manifest's models and their state, where inference runs, and
 * downloads with progress events. A new ModelManager per call picks up the current models dir
 * (a setting) and REDUB_MODELS_URL (mirrors, tests).
 */
export class ModelService {
  private readonly downloads = new Map<string, AbortController>();

  constructor(private readonly emit: (e: RedubEvent) => void) {}

  async report(): Promise<ModelsReport> {
    const mm = new ModelManager();
    // No hashing here: listing must stay instant with gigabyte models installed.
    const models = (await mm.list({ verify: false })).map(toModelInfo);
    const sessions = (await neuralSessions().report()).map((r) => ({
      model: basename(r.path),
      provider: r.provider,
      ...(r.fallback ? { fallback: r.fallback } : {}),
    }));
    return {
      dir: mm.dir,
      models,
      preference: preferenceFromEnv().order,
      providers: availableProviders().map((p) => ({ name: p.name, usable: p.usable, ...(p.reason ? { reason: p.reason } : {}) })),
      sessions,
    };
  }

  async download(name: string): Promise<ModelInfo> {
    if (this.downloads.has(name)) throw new Error(`${name} is already downloading`);
    const controller = new AbortController();
    this.downloads.set(name, controller);
    const mm = new ModelManager();
    let last = 0;
    const tell = (d: Omit<ModelDownload, 'name'>) => this.emit({ type: 'modelDownload', download: { name, ...d } });
    tell({ state: 'running', received: 0, total: mm.entry(name).size, error: null });
    try {
      await mm.download(name, {
        // The caller's schema only lets acceptLicence: true through.
        acceptLicence: true,
        signal: controller.signal,
        onProgress: (p) => {
          const now = Date.now();
          if (now - last < PROGRESS_INTERVAL_MS) return;
          last = now;
          tell({ state: 'running', received: p.received, total: p.total, error: null });
        },
      });
      const status = (await mm.list({ verify: false })).find((m) => m.name === name)!;
      tell({ state: 'done', received: status.size ?? 0, total: status.size, error: null });
      return toModelInfo(status);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      tell({ state: controller.signal.aborted ? 'cancelled' : 'failed', received: 0, total: null, error: message });
      throw e;
    } finally {
      this.downloads.delete(name);
    }
  }

  cancel(name: string): boolean {
    const c = this.downloads.get(name);
    c?.abort();
    return c !== undefined;
  }
}

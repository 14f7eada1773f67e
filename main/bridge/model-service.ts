import { basename } from 'node:path';
import type { RedubEvent } from '../../common/contract';
import type { ModelDownload, ModelInfo, ModelsReport } from '../../common/domain';
import { ModelManager, type ModelStatus } from '../engine/models/manager';
import { findModel } from '../engine/models/manifest';
import { availableProviders, preferenceFromEnv } from '../engine/models/providers';
import { neuralSessions } from '../engine/models/sessions';
import { faceManifestModels } from '../engine/face/models/descriptors';
import { configureEngine } from '../engine/settings';
import { onModelFetch } from '../engine/models/fetch-events';
import { loadEditorSettings, saveEditorSettings } from './editor-settings';
import type { EditorEngine } from './engine-port';
import { checkModelsFolder, importUserModel } from './model-files';

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
  /** The engine's own first-use downloads in this process: the last failure, until one succeeds. */
  private fetchError: string | null = null;

  /**
   * `settingsDir` keeps the user's models folder across restarts (editor-settings.json); the
   * engine is told when it runs in another process.
   */
  constructor(
    private readonly emit: (e: RedubEvent) => void,
    private readonly settingsDir?: string,
    private readonly engine?: Pick<EditorEngine, 'setModelsDir'>,
  ) {
    onModelFetch((p) => {
      if (p.state === 'failed') this.fetchError = p.error;
      if (p.state === 'done') this.fetchError = null;
    });
    const saved = settingsDir ? loadEditorSettings(settingsDir).modelsDir : undefined;
    if (saved) {
      configureEngine({ modelsDir: saved });
      void engine?.setModelsDir?.(saved).catch(() => undefined);
    }
  }

  /** Copies a model file the user has into the models folder. */
  async importFile(path: string): Promise<string> {
    return importUserModel(new ModelManager(), path);
  }

  /** Models come from `dir` from now on, here, in the engine process and after a restart. */
  async useFolder(dir: string): Promise<void> {
    checkModelsFolder(dir);
    configureEngine({ modelsDir: dir });
    await this.engine?.setModelsDir?.(dir);
    if (this.settingsDir) saveEditorSettings(this.settingsDir, { modelsDir: dir });
  }

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
      faceModels: faceManifestModels(),
      faceModelsError: this.fetchError,
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

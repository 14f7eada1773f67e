import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RedubError } from '../errors';
import type { ExportRequest } from '../export/export-language';
import { DEFAULT_NAME_PATTERN, ExportSettingsSchema, outputName, settingsHash, type ExportSettings } from '../jobs/export-settings';
import { exportRequestFor } from '../jobs/job-request';
import type { ProjectStore, RenderJob } from '../store';
import { isFinal, type FarmClient, type FarmStatus } from './farm-client';

/** A project's farm exports are found by its absolute path (the same on every machine that exports it). */
export function farmProjectKey(projectPath: string): string {
  return createHash('sha256').update(resolve(projectPath)).digest('hex').slice(0, 16);
}

export interface FarmRequestOptions {
  languages?: string[];
  outDir: string;
  settings: Partial<ExportSettings>;
  pattern?: string;
  overwrite?: boolean;
}

/**
 * The export requests of every language (or the listed ones), as the local queue would build
 * them, but not stored: the farm, not the project's SQLite queue, tracks these.
 */
export function farmRequests(store: ProjectStore, o: FarmRequestOptions): ExportRequest[] {
  const settings = ExportSettingsSchema.parse(o.settings);
  const known = [...new Set(store.tracks.list().map((t) => t.language))];
  const languages = o.languages?.length ? o.languages : known;
  const missing = languages.filter((l) => !known.includes(l));
  if (missing.length)
    throw new RedubError(
      'INVALID_ARGUMENT',
      `no dub track for ${missing.join(', ')} (the project has: ${known.join(', ') || 'none'})`,
      store.path,
    );
  const project = store.project.get().name;
  return languages.map((language) => {
    const outPath = resolve(
      join(o.outDir, outputName(o.pattern ?? DEFAULT_NAME_PATTERN, { project, lang: language, ext: settings.format })),
    );
    if (!o.overwrite && existsSync(outPath))
      throw new RedubError('OUTPUT_EXISTS', 'output already exists (pass --overwrite to replace it)', outPath);
    const now = Date.now();
    const job: RenderJob = {
      id: randomUUID(),
      projectId: '',
      language,
      format: settings.format,
      state: 'queued',
      progress: 0,
      fps: null,
      eta: null,
      error: null,
      outPath,
      settings,
      settingsHash: settingsHash(settings),
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      startedAt: null,
      finishedAt: null,
    };
    return exportRequestFor(store, job) as ExportRequest;
  });
}

export interface WatchOptions {
  onStatus?(s: FarmStatus): void;
  /** Ctrl+C: the export's unfinished languages are cancelled on the farm. */
  signal?: AbortSignal;
  intervalMs?: number;
}

/** Polls the farm until every language is done, failed or cancelled; a failed language's other chunks are cancelled. */
export async function watchFarmExport(
  client: FarmClient,
  projectKey: string,
  records: Awaited<ReturnType<FarmClient['records']>>,
  o: WatchOptions = {},
): Promise<FarmStatus[]> {
  const finals = new Map<string, FarmStatus>();
  for (;;) {
    if (o.signal?.aborted) {
      for (const r of records) if (!finals.has(r.language)) await client.cancel(projectKey, r);
      throw o.signal.reason;
    }
    for (const r of records) {
      if (finals.has(r.language)) continue;
      const s = await client.status(r);
      o.onStatus?.(s);
      if (s.state === 'failed') await client.cancel(projectKey, r, { mark: false });
      if (isFinal(s)) finals.set(r.language, s);
    }
    if (finals.size === records.length) return records.map((r) => finals.get(r.language)!);
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 500));
  }
}

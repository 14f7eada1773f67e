import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RedubError } from '../errors';
import type { ProjectStore, RenderJob } from '../store';
import { DEFAULT_NAME_PATTERN, ExportSettingsSchema, outputName, settingsHash, type ExportSettings } from './export-settings';

export interface EnqueueRequest {
  languages?: string[];
  outDir: string;
  settings: Partial<ExportSettings>;
  pattern?: string;
  overwrite?: boolean;
}

/**
 * Queues one job per language. An unfinished job for the same language and format (interrupted,
 * failed, cancelled) is resumed rather than duplicated, so its finished chunks count.
 */
// The output directory is checked when the job runs: a read-only or missing one fails that
// job with a clear error and leaves the rest of the queue intact.
export async function enqueueExports(store: ProjectStore, req: EnqueueRequest): Promise<RenderJob[]> {
  const settings = ExportSettingsSchema.parse(req.settings);
  const known = [...new Set(store.tracks.list().map((t) => t.language))];
  const languages = req.languages?.length ? req.languages : known;
  const missing = languages.filter((l) => !known.includes(l));
  if (missing.length) {
    throw new RedubError(
      'INVALID_ARGUMENT',
      `no dub track for ${missing.join(', ')} (the project has: ${known.join(', ') || 'none'})`,
      store.path,
    );
  }
  const project = store.project.get().name;
  const jobs: RenderJob[] = [];
  for (const lang of languages) {
    const outPath = resolve(join(req.outDir, outputName(req.pattern ?? DEFAULT_NAME_PATTERN, { project, lang, ext: settings.format })));
    const pending = store.jobs
      .list('queued', 'failed', 'cancelled')
      .find(
        (j) => j.language === lang && j.format === settings.format && j.outPath === outPath && j.settingsHash === settingsHash(settings),
      );
    if (!pending && !req.overwrite && existsSync(outPath)) {
      throw new RedubError('OUTPUT_EXISTS', 'output already exists (pass --overwrite to replace it)', outPath);
    }
    jobs.push(
      pending
        ? resume(store, pending)
        : store.jobs.enqueue({ language: lang, format: settings.format, outPath, settings, settingsHash: settingsHash(settings) }),
    );
  }
  return jobs;
}

function resume(store: ProjectStore, job: RenderJob): RenderJob {
  return job.state === 'queued' ? job : store.jobs.requeue(job.id);
}

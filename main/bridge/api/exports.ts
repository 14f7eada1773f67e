import { existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiCallError } from '../../../common/contract';
import type { ExportJob } from '../../../common/domain';
import { isRedubError } from '../../engine/errors';
import { notFound } from '../errors';
import { loadEditorSettings, saveEditorSettings } from '../editor-settings';
import { toExportJob } from '../export-queue';
import type { RenderOn } from '../../../common/farm-calls';
import type { ApiCalls, ApiContext } from './context';

type ExportCalls =
  | 'listExportJobs'
  | 'queueExport'
  | 'cancelExport'
  | 'retryExport'
  | 'removeExport'
  | 'showExportOutput'
  | 'clearFinishedExports'
  | 'getRenderOn'
  | 'setRenderOn';

const LOCAL: RenderOn = { target: 'local', farm: { url: '', password: '' } };

/**
 * The output folder, checked when the export is queued (not minutes later when it runs): a
 * missing one is made only with consent, anything else is refused in words for the editor.
 */
function checkOutputFolder(dir: string, create: boolean): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    if (!create) throw new ApiCallError('FOLDER_MISSING', `${dir}: this folder does not exist`, 'outDir');
    mkdirSync(dir, { recursive: true });
    return;
  }
  if (!isDir) throw new ApiCallError('NOT_A_FOLDER', `${dir}: is a file, not a folder: choose a folder for the exports`, 'outDir');
}

/** The engine speaks to CLI users; in the editor the same refusal names the checkbox. */
function forTheEditor(e: unknown): unknown {
  if (isRedubError(e) && e.code === 'OUTPUT_EXISTS') {
    return new ApiCallError(
      'OUTPUT_EXISTS',
      e.message.replace(/\s*\(pass --overwrite[^)]*\)/, ': tick "Replace existing files" to replace it'),
    );
  }
  return e;
}

/** The export queue: jobs live in the project file, progress arrives as events. */
export function exportCalls(ctx: ApiContext): ApiCalls<ExportCalls> {
  const jobOf = async (projectId: string, jobId: string) => {
    const store = await ctx.workspace.get(projectId);
    if (!store.jobs.find(jobId)) throw notFound('export job', jobId);
    return store;
  };
  // The local queue's answers (and its exportJobs event) name its own jobs; the farm rows join them.
  const withFarm = (projectId: string, local: ExportJob[]) => {
    const jobs = [...local, ...ctx.farm.list(projectId)];
    if (ctx.farm.list(projectId).length) ctx.emit({ type: 'exportJobs', projectId, jobs });
    return jobs;
  };
  const removeFarm = async (projectId: string, ids: string[]) => {
    ctx.farm.remove(ids);
    const store = await ctx.workspace.get(projectId);
    const jobs = [...store.jobs.list().map((j) => toExportJob(j)), ...ctx.farm.list(projectId)];
    ctx.emit({ type: 'exportJobs', projectId, jobs });
    return jobs;
  };
  return {
    async listExportJobs({ projectId }) {
      const store = await ctx.workspace.get(projectId);
      return [...store.jobs.list().map((j) => toExportJob(j)), ...ctx.farm.list(projectId)];
    },

    async queueExport({ projectId, outDir, createFolder, farm, ...request }) {
      const store = await ctx.workspace.get(projectId);
      const dir = resolve(outDir);
      checkOutputFolder(dir, createFolder);
      try {
        if (farm) return await ctx.farm.enqueue(store, { ...request, outDir: dir }, farm);
        return await ctx.exports.enqueue(store, { ...request, outDir: dir });
      } catch (e) {
        throw forTheEditor(e);
      }
    },

    async cancelExport({ projectId, jobId }) {
      if (ctx.farm.has(jobId)) return ctx.farm.cancel(jobId);
      return ctx.exports.cancel(await jobOf(projectId, jobId), jobId);
    },

    async retryExport({ projectId, jobId }) {
      if (ctx.farm.has(jobId))
        throw new ApiCallError('UNSUPPORTED', 'queue the farm export again: its finished chunks are reused, not rendered twice');
      return ctx.exports.retry(await jobOf(projectId, jobId), jobId);
    },

    async removeExport({ projectId, jobId }) {
      if (ctx.farm.has(jobId)) return removeFarm(projectId, [jobId]);
      return withFarm(projectId, ctx.exports.remove(await jobOf(projectId, jobId), [jobId]));
    },

    async showExportOutput({ projectId, jobId, action }) {
      const job = (await jobOf(projectId, jobId)).jobs.get(jobId);
      const show = ctx.options.showFile;
      if (!show) throw new ApiCallError('UNSUPPORTED', 'only the desktop app can open files: copy the path instead');
      if (job.state !== 'done') throw new ApiCallError('NOT_DONE', 'this export has not finished: there is no file to open yet');
      if (!existsSync(job.outPath)) throw new ApiCallError('OUTPUT_GONE', `${job.outPath}: the file is no longer there (moved or deleted)`);
      await show(job.outPath, action);
      return { path: job.outPath };
    },

    async clearFinishedExports({ projectId }) {
      const store = await ctx.workspace.get(projectId);
      ctx.farm.remove(ctx.farm.finished(projectId));
      return withFarm(
        projectId,
        ctx.exports.remove(
          store,
          store.jobs.list('done', 'failed', 'cancelled').map((j) => j.id),
        ),
      );
    },

    async getRenderOn() {
      return loadEditorSettings(ctx.workspace.dir).renderOn ?? LOCAL;
    },

    async setRenderOn(renderOn) {
      saveEditorSettings(ctx.workspace.dir, { renderOn });
      return renderOn;
    },
  };
}

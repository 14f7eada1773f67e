import { resolve } from 'node:path';
import { notFound } from '../errors';
import { toExportJob } from '../export-queue';
import type { ApiCalls, ApiContext } from './context';

/** The export queue: jobs live in the project file, progress arrives as events. */
export function exportCalls(ctx: ApiContext): ApiCalls<'listExportJobs' | 'queueExport' | 'cancelExport'> {
  return {
    async listExportJobs({ projectId }) {
      const store = await ctx.workspace.get(projectId);
      return store.jobs.list().map((j) => toExportJob(j));
    },

    async queueExport({ projectId, languages, format, outDir, pattern, lipsync, overwrite }) {
      const store = await ctx.workspace.get(projectId);
      return ctx.exports.enqueue(store, { languages, format, outDir: resolve(outDir), pattern, lipsync, overwrite });
    },

    async cancelExport({ projectId, jobId }) {
      const store = await ctx.workspace.get(projectId);
      if (!store.jobs.find(jobId)) throw notFound('export job', jobId);
      return ctx.exports.cancel(store, jobId);
    },
  };
}

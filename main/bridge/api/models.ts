import type { ApiCalls, ApiContext } from './context';

type ModelCalls = 'listModels' | 'downloadModel' | 'cancelModelDownload' | 'importModelFile' | 'setModelsFolder';

/** The Models panel: what is installed, licences, downloads with progress events, import and folder choice. */
export function modelCalls(ctx: ApiContext): ApiCalls<ModelCalls> {
  return {
    async listModels() {
      return ctx.models.report();
    },

    async downloadModel({ name }) {
      return ctx.models.download(name);
    },

    async cancelModelDownload({ name }) {
      return { cancelled: ctx.models.cancel(name) };
    },

    async importModelFile({ path }) {
      await ctx.models.importFile(ctx.chosenPath(path, 'path'));
      return ctx.models.report();
    },

    async setModelsFolder({ path }) {
      await ctx.models.useFolder(ctx.chosenPath(path, 'path'));
      return ctx.models.report();
    },
  };
}

import type { ApiCalls, ApiContext } from './context';

/** The Models panel: what is installed, licences, downloads with progress events. */
export function modelCalls(ctx: ApiContext): ApiCalls<'listModels' | 'downloadModel' | 'cancelModelDownload'> {
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
  };
}

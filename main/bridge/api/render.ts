import type { ApiCalls, ApiContext } from './context';

type RenderCalls = 'getRenderState' | 'renderAround' | 'renderRange' | 'stopRender';

/** The preview render behind the timeline's render bar (main/bridge/preview-render.ts). */
export function renderCalls(ctx: ApiContext): ApiCalls<RenderCalls> {
  return {
    async getRenderState({ projectId, language }) {
      return ctx.renders.state(await ctx.workspace.get(projectId), language);
    },

    async renderAround({ projectId, language, time }) {
      const store = await ctx.workspace.get(projectId);
      if (ctx.options.backgroundRender === false) return ctx.renders.state(store, language);
      return ctx.renders.around(store, language, time);
    },

    async renderRange({ projectId, language, start, end }) {
      return ctx.renders.range(await ctx.workspace.get(projectId), language, start, end);
    },

    async stopRender({ projectId }) {
      return { stopped: ctx.renders.stop(projectId) };
    },
  };
}

import { basename, extname, resolve } from 'node:path';
import { insertSource } from '../../engine/project/create-project';
import { importSubtitles } from '../../engine/project/subtitles';
import type { ApiCalls, ApiContext } from './context';

type ProjectCalls =
  | 'getAppInfo'
  | 'pickFile'
  | 'pickFolder'
  | 'listRecentProjects'
  | 'openVideo'
  | 'getProject'
  | 'closeProject'
  | 'undo'
  | 'redo'
  | 'importSubtitles';

/** Opening, closing and undoing projects. */
export function projectCalls(ctx: ApiContext): ApiCalls<ProjectCalls> {
  const { workspace } = ctx;
  return {
    async getAppInfo() {
      return { mode: ctx.options.mode, version: ctx.options.version ?? '0.1.0' };
    },

    async pickFile({ kind }) {
      const path = ctx.options.pickFile ? await ctx.options.pickFile(kind) : null;
      if (path) ctx.markPicked(path);
      return { path };
    },

    async pickFolder({ purpose }) {
      const path = ctx.options.pickFolder ? await ctx.options.pickFolder(purpose) : null;
      if (path) ctx.markPicked(path);
      return { path };
    },

    async listRecentProjects() {
      return workspace
        .recent()
        .map((e) => ({ id: e.id, name: e.name, videoPath: e.videoPath, updatedAt: e.updatedAt, languages: e.languages }));
    },

    async openVideo({ path }) {
      // Reopening the same file brings back its project instead of starting over.
      const existing = workspace.findByVideo(resolve(path));
      if (existing) {
        const store = await workspace.get(existing.id);
        store.project.touch();
        workspace.remember(store);
        ctx.warm(store);
        return ctx.view(store);
      }
      const abs = ctx.chosenPath(path, 'path');
      // Probe (and hash) before a project file exists: a file that is no video leaves nothing.
      const source = await ctx.engine.describeMedia(abs, 'source');
      const store = await workspace.create(basename(abs, extname(abs)));
      insertSource(store, source);
      // Creating the project is not an edit the user can undo.
      store.history.clear();
      workspace.remember(store);
      return ctx.view(store);
    },

    async getProject({ projectId }) {
      const store = await workspace.get(projectId);
      ctx.warm(store);
      return ctx.view(store);
    },

    async closeProject({ projectId }) {
      // The preview cache (face track, plan, bank, decoders) goes at once; the project file
      // stays open while one of its exports runs, and is closed when the queue drains.
      await ctx.engine.releasePreview(projectId);
      await ctx.renders.release(projectId);
      if (!ctx.exports.busy(projectId)) await workspace.closeProject(projectId);
      return { closed: true };
    },

    async undo({ projectId }) {
      const store = await workspace.get(projectId);
      if (store.history.undo() !== undefined) workspace.remember(store);
      return ctx.view(store);
    },

    async redo({ projectId }) {
      const store = await workspace.get(projectId);
      if (store.history.redo() !== undefined) workspace.remember(store);
      return ctx.view(store);
    },

    async importSubtitles({ projectId, path }) {
      const store = await workspace.get(projectId);
      await importSubtitles(store, ctx.chosenPath(path, 'path'));
      return ctx.changed(store);
    },
  };
}

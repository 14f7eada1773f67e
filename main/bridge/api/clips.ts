import { insertDub } from '../../engine/project/create-project';
import { languageName, type ProjectStore } from '../../engine/store';
import { invalid } from '../errors';
import type { ApiCalls, ApiContext } from './context';

/** No clip shorter than one frame at 25 fps. */
const MIN_CLIP = 0.04;

const CLIP_FIELD_LABEL: Record<string, string> = {
  start: 'offset',
  trimStart: 'head trim',
  trimEnd: 'tail trim',
  gainDb: 'gain',
  mismatch: 'fit',
};

const trackName = (store: ProjectStore, trackId: string) => store.tracks.get(trackId).name;

/** Dub tracks and their clips: every call is one undo step. */
export function clipCalls(ctx: ApiContext): ApiCalls<'addDubTrack' | 'addDubClip' | 'updateDubClip' | 'removeDubClip'> {
  return {
    async addDubTrack({ projectId, language, audioPath }) {
      const store = await ctx.workspace.get(projectId);
      const media = await ctx.engine.describeMedia(ctx.chosenPath(audioPath, 'audioPath'), 'dub');
      const result = ctx.edit(store, `Add ${languageName(language)} dub`, () => void insertDub(store, media, { language }));
      ctx.warm(store);
      return result;
    },

    async addDubClip({ trackId, audioPath, start }) {
      const store = ctx.storeOfTrack(trackId);
      const media = await ctx.engine.describeMedia(ctx.chosenPath(audioPath, 'audioPath'), 'dub');
      const { language } = store.tracks.get(trackId);
      const result = ctx.edit(
        store,
        `Add ${trackName(store, trackId)} clip`,
        () => void insertDub(store, media, { language, offset: start }),
      );
      ctx.warm(store);
      return result;
    },

    async updateDubClip({ clipId, patch }) {
      const store = ctx.storeOfClip(clipId);
      const clip = store.clips.get(clipId);
      const length = store.media.find(clip.mediaId)?.duration ?? Infinity;
      const trimStart = patch.trimStart ?? clip.trimStart;
      const trimEnd = patch.trimEnd ?? clip.trimEnd;
      // A schema cannot know the file's length: some audio must be left between the trims.
      if (trimStart + trimEnd > length - MIN_CLIP) {
        throw invalid(
          `updateDubClip: trimming ${trimStart.toFixed(2)} s + ${trimEnd.toFixed(2)} s leaves nothing of a ${length.toFixed(2)} s clip`,
          patch.trimEnd !== undefined ? 'patch.trimEnd' : 'patch.trimStart',
        );
      }
      const what = Object.keys(patch)
        .map((k) => CLIP_FIELD_LABEL[k] ?? k)
        .join(', ');
      const result = ctx.edit(store, `Change ${trackName(store, clip.trackId)} clip ${what}`, () => void store.clips.update(clipId, patch));
      // A moved or head-trimmed dub needs a new lip-sync plan: start it before the next scrub.
      if (patch.start !== undefined || patch.trimStart !== undefined) ctx.warm(store);
      return result;
    },

    async removeDubClip({ clipId }) {
      const store = ctx.storeOfClip(clipId);
      const clip = store.clips.get(clipId);
      const name = trackName(store, clip.trackId);
      const last = store.clips.list(clip.trackId).length === 1;
      return ctx.edit(store, last ? `Delete ${name} dub` : `Delete ${name} clip`, () => {
        store.clips.remove(clipId);
        if (last) store.tracks.remove(clip.trackId);
      });
    },
  };
}

import { assignClipSpeaker, assignSegmentSpeaker, insertSpeakers, mergeSpeakers, sourceVideo } from '../../engine/project/project-speakers';
import type { ProjectStore } from '../../engine/store';
import type { SpeakerFaces } from '../engine-port';
import { rememberFaces } from '../speaker-view';
import type { ApiCalls, ApiContext } from './context';

type SpeakerCall = 'findSpeakers' | 'renameSpeaker' | 'assignClipSpeaker' | 'assignSegmentSpeaker' | 'mergeSpeakers' | 'splitSpeaker';

/** Speakers of a project: found once in the engine process (analysis cached), then edited as undo steps. */
export function speakerCalls(ctx: ApiContext): ApiCalls<SpeakerCall> {
  const described = new Map<string, SpeakerFaces['tracks']>();
  const pending = new Map<string, Promise<boolean>>();
  /** The engine's look at the video: stored speakers on first use, face boxes once per run. */
  async function look(store: ProjectStore, video: string): Promise<boolean> {
    if (store.speakers.list().length && described.has(video)) return false;
    const faces = await ctx.engine.describeSpeakers(video);
    rememberFaces(video, faces.tracks);
    described.set(video, faces.tracks);
    // Checked after the analysis: the project may have got its speakers meanwhile.
    if (!store.speakers.list().length && faces.speakers.length) insertSpeakers(store, faces.speakers);
    return true;
  }
  /** One look per video at a time: a second call (a panel opened twice) waits for the first. */
  function describe(store: ProjectStore): Promise<boolean> {
    const video = sourceVideo(store);
    let p = pending.get(video);
    if (!p) pending.set(video, (p = look(store, video).finally(() => pending.delete(video))));
    return p;
  }
  const name = (store: ProjectStore, id: string | null) => (id ? store.speakers.get(id).name : 'the main speaker');
  return {
    async findSpeakers({ projectId }) {
      const store = await ctx.workspace.get(projectId);
      return (await describe(store)) ? ctx.changed(store) : ctx.view(store);
    },

    async renameSpeaker({ projectId, speakerId, name: to }) {
      const store = await ctx.workspace.get(projectId);
      const from = store.speakers.get(speakerId).name;
      return ctx.edit(store, `Rename ${from} to ${to}`, () => void store.speakers.update(speakerId, { name: to }));
    },

    async assignClipSpeaker({ clipId, speakerId }) {
      const store = ctx.storeOfClip(clipId);
      return ctx.edit(store, `Clip to ${name(store, speakerId)}`, () => assignClipSpeaker(store, clipId, speakerId));
    },

    async assignSegmentSpeaker({ segmentId, speakerId }) {
      const store = ctx.storeOfSegment(segmentId);
      return ctx.edit(store, `Segment to ${name(store, speakerId)}`, () => assignSegmentSpeaker(store, segmentId, speakerId));
    },

    async mergeSpeakers({ projectId, into, from }) {
      const store = await ctx.workspace.get(projectId);
      const label = `Merge ${name(store, from)} into ${name(store, into)}`;
      return ctx.edit(store, label, () => void mergeSpeakers(store, into, from));
    },

    async splitSpeaker({ projectId, speakerId, trackIds }) {
      const store = await ctx.workspace.get(projectId);
      const who = name(store, speakerId);
      // Frames on screen of the split-off tracks, from the boxes the engine described (no analysis here).
      await describe(store);
      const faces = described.get(sourceVideo(store)) ?? [];
      const frames = faces.filter((t) => trackIds.includes(t.trackId)).reduce((n, t) => n + t.frames, 0);
      return ctx.edit(store, `Split ${who}`, () => void store.speakers.split(speakerId, trackIds, { frames, thumbnail: null }));
    },
  };
}

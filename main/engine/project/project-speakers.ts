import { RedubError } from '../errors';
import { analyzeVideo, type AnalyzeOptions } from '../face/analyze';
import { analyzeSpeakers } from '../speakers/analyze-speakers';
import { tracksOnScreen } from '../speakers/speakers';
import { speakerThumbnails } from '../speakers/thumbnails';
import type { NewSpeaker, ProjectSpeaker, ProjectStore } from '../store';

/** What a clip or segment may name instead of a speaker id: the main speaker (null in the store). */
export const MAIN_SPEAKER = 'main';

/** The people of a video as a project keeps them: analysis ids, default names, tracks, thumbnails. */
export async function describeSpeakers(video: string, o: AnalyzeOptions = {}): Promise<NewSpeaker[]> {
  const a = await analyzeSpeakers(video, o);
  return a.speakers.map((s) => ({ id: s.id, name: s.name, trackIds: s.trackIds, frames: s.frames, thumbnail: s.thumbnail }));
}

/** The source video's path, or a one-line error naming the project. */
export function sourceVideo(store: ProjectStore): string {
  const source = store.media.list('source')[0];
  if (!source) throw new RedubError('INVALID_ARGUMENT', 'the project has no source video', store.path);
  return source.path;
}

/**
 * The project's speakers; the first call on a project without any analyses its source (cached)
 * and stores them as one undo step, so names and merges made later are the user's.
 */
export async function ensureProjectSpeakers(store: ProjectStore, o: AnalyzeOptions = {}): Promise<ProjectSpeaker[]> {
  const stored = store.speakers.list();
  if (stored.length) return stored;
  const found = await describeSpeakers(sourceVideo(store), o);
  if (!found.length) throw new RedubError('NO_FACE', 'no speaker found in the source video', sourceVideo(store));
  insertSpeakers(store, found);
  return store.speakers.list();
}

/** Stores the speakers analysis found, as one undo step (the editor describes them in its engine process). */
export function insertSpeakers(store: ProjectStore, found: NewSpeaker[]): void {
  store.edit('Find speakers', () => found.forEach((s) => store.speakers.add(s)));
}

/**
 * A speaker as the user names it (id such as "speaker2", or their name, any case; "main" is the
 * main speaker, null), or a one-line error listing the known speakers.
 */
export function resolveSpeaker(speakers: readonly Pick<ProjectSpeaker, 'id' | 'name'>[], ref: string, file?: string): string | null {
  if (ref.toLowerCase() === MAIN_SPEAKER) return null;
  const want = ref.trim().toLowerCase();
  const hit = speakers.find((s) => s.id.toLowerCase() === want) ?? speakers.find((s) => s.name.trim().toLowerCase() === want);
  if (hit) return hit.id;
  const known = speakers.map((s) => (s.name === defaultName(s.id) ? s.id : `${s.id} "${s.name}"`)).join(', ') || 'none';
  throw new RedubError('INVALID_ARGUMENT', `speaker "${ref}" is not in this video (speakers: ${known})`, file);
}

const defaultName = (id: string) => `Speaker ${id.replace(/^speaker/, '')}`;

/** Puts a dub clip's lines on a speaker (null: the main speaker); one undo step. */
export function assignClipSpeaker(store: ProjectStore, clipId: string, speaker: string | null): void {
  if (speaker !== null) store.speakers.get(speaker);
  store.clips.get(clipId);
  store.edit('Assign clip speaker', () => store.clips.update(clipId, { speaker }));
}

/** Puts a segment on a speaker (null: the main speaker); one undo step. */
export function assignSegmentSpeaker(store: ProjectStore, segmentId: string, speaker: string | null): void {
  if (speaker !== null) store.speakers.get(speaker);
  store.segments.get(segmentId);
  store.edit('Assign segment speaker', () => store.segments.update(segmentId, { speaker }));
}

/** Two speakers are one person: `from`'s tracks, clips and segments join `into` (one undo step). */
export function mergeSpeakers(store: ProjectStore, into: string, from: string): ProjectSpeaker {
  return store.speakers.merge(into, from);
}

/**
 * Some of a speaker's tracks are someone else: they become a new speaker, with their time on
 * screen and a thumbnail from the (cached) analysis. One undo step; returns the new speaker.
 */
export async function splitSpeaker(store: ProjectStore, id: string, trackIds: number[], o: AnalyzeOptions = {}): Promise<ProjectSpeaker> {
  store.speakers.get(id);
  const video = sourceVideo(store);
  const track = await analyzeVideo(video, o);
  const seen = tracksOnScreen(track, trackIds);
  const probe = { id: 'split', number: 0, name: '', trackIds, ...seen };
  const thumbnail = seen.frames ? (await speakerThumbnails(video, track, [probe])).get('split') : null;
  return store.speakers.split(id, trackIds, { frames: seen.frames, thumbnail });
}

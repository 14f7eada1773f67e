import { mediaContentHash } from '../media/content-hash';
import type { MediaInfo } from '../media/probe';
import { validateDubInput, validateOutputPath, validateVideoInput } from '../media/validate';
import type { NewSpeaker } from '../store';
import { describeSpeakers, resolveSpeaker } from './project-speakers';
import { canonicalLanguage, languageName, mediaFromProbe, ProjectStore, type DubClip, type NewMedia } from '../store';

export interface DubInput {
  language: string;
  file: string;
  /** Where the dub starts on the timeline, seconds. */
  offset?: number;
  gainDb?: number;
  /** The speaker whose face the clip drives (id or name, from the video's analysis); absent: the main speaker. */
  speaker?: string;
}

export interface CreateProjectRequest {
  path: string;
  video: string;
  dubs: DubInput[];
  name?: string;
}

/**
 * How the CLI and the editor bring media into a project, in two halves: `describe*` probes and
 * content-hashes the file (slow; in the editor it runs in the engine process), `insert*` writes
 * the rows (synchronous, so the editor can make it one undo step).
 */
export async function describeSource(file: string): Promise<NewMedia> {
  const info = await validateVideoInput(file);
  return mediaFromProbe(info, 'source', await mediaContentHash(info.path));
}

export async function describeDub(file: string): Promise<NewMedia> {
  const info = await validateDubInput(file);
  return mediaFromProbe(info, 'dub', await mediaContentHash(info.path));
}

/** Length of the source in whole frames (the last frame's end), which is what exports render. */
function frameSpan(media: NewMedia): number {
  const video = (media.probe as unknown as MediaInfo | undefined)?.video;
  return video && video.fps > 0 && video.frameCount > 0 ? video.frameCount / video.fps : (media.duration ?? 0);
}

/** The source video, and one segment spanning it (split it later to give parts their own settings). */
export function insertSource(store: ProjectStore, media: NewMedia): void {
  store.transaction(() => {
    store.media.add(media);
    store.segments.add({ start: 0, end: frameSpan(media) });
  });
}

/** One dub file as a clip of its language's track (the track is made on first use). */
export function insertDub(store: ProjectStore, media: NewMedia, dub: Omit<DubInput, 'file'>): DubClip {
  const language = canonicalLanguage(dub.language);
  return store.transaction(() => {
    const row = store.media.add(media);
    const track = store.tracks.list(language)[0] ?? store.tracks.add({ language, name: languageName(language), gainDb: 0 });
    const speaker = dub.speaker ?? null;
    return store.clips.add({ trackId: track.id, mediaId: row.id, start: dub.offset ?? 0, gainDb: dub.gainDb ?? 0, speaker });
  });
}

export async function addDub(store: ProjectStore, dub: DubInput): Promise<DubClip> {
  return insertDub(store, await describeDub(dub.file), dub);
}

/**
 * A new project: the source video, one dub track per language, one segment spanning the video.
 * Every input is checked before the file is made, and the file appears only when complete.
 */
export async function createProject(req: CreateProjectRequest): Promise<ProjectStore> {
  await validateOutputPath(req.path, { kind: 'project' });
  const source = await describeSource(req.video);
  const dubs: NewMedia[] = [];
  for (const dub of req.dubs) dubs.push(await describeDub(dub.file));
  // Speakers come from the video's analysis, made only when a dub names one (analysis is slow once, then cached).
  const speakers: NewSpeaker[] = req.dubs.some((d) => d.speaker) ? await describeSpeakers(source.path) : [];
  const placed = req.dubs.map((d) => ({
    ...d,
    speaker: d.speaker ? (resolveSpeaker(speakers, d.speaker, source.path) ?? undefined) : undefined,
  }));
  return ProjectStore.create(req.path, {
    name: req.name,
    init: (store) => {
      insertSource(store, source);
      speakers.forEach((s) => store.speakers.add(s));
      placed.forEach((dub, i) => insertDub(store, dubs[i], dub));
    },
  });
}

import { resolve } from 'node:path';
import { RedubError } from '../errors';
import { mediaContentHash } from '../media/content-hash';
import { probeMedia, probeVideo } from '../media/probe';
import { canonicalLanguage, mediaFromProbe, ProjectStore } from '../store';

export interface DubInput {
  language: string;
  file: string;
  /** Where the dub starts on the timeline, seconds. */
  offset?: number;
  gainDb?: number;
}

export interface CreateProjectRequest {
  path: string;
  video: string;
  dubs: DubInput[];
  name?: string;
}

/** Adds one language: its track, the media and a clip covering the whole file. */
export async function addDub(store: ProjectStore, dub: DubInput): Promise<void> {
  const info = await probeMedia(resolve(dub.file));
  if (info.audio.length === 0) throw new RedubError('MEDIA_UNREADABLE', 'has no audio stream to dub with', dub.file);
  const language = canonicalLanguage(dub.language);
  const media = store.media.add(mediaFromProbe(info, 'dub', await mediaContentHash(info.path)));
  const track = store.tracks.list(language)[0] ?? store.tracks.add({ language, name: language, gainDb: 0 });
  store.clips.add({ trackId: track.id, mediaId: media.id, start: dub.offset ?? 0, gainDb: dub.gainDb ?? 0 });
}

/**
 * A new project: the source video, one dub track per language, and one segment spanning the
 * video (split it later in the editor to give parts their own emotion or lip-sync setting).
 */
export async function createProject(req: CreateProjectRequest): Promise<ProjectStore> {
  const source = await probeVideo(resolve(req.video));
  const store = await ProjectStore.create(req.path, { name: req.name });
  try {
    store.media.addSource(mediaFromProbe(source, 'source', await mediaContentHash(source.path)));
    for (const dub of req.dubs) await addDub(store, dub);
    store.segments.add({ start: 0, end: source.video.frameCount / source.video.fps });
    return store;
  } catch (e) {
    await store.close();
    throw e;
  }
}

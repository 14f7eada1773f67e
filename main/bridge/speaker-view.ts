import type { Speaker } from '../../common/domain';
import type { ProjectStore } from '../engine/store';
import type { SpeakerFaces } from './engine-port';

/** Each source video's face tracks and their typical boxes, as the engine last described them. */
const facesByVideo = new Map<string, SpeakerFaces['tracks']>();

export function rememberFaces(videoPath: string, tracks: SpeakerFaces['tracks']): void {
  facesByVideo.set(videoPath, tracks);
}

/** "speaker3" keeps colour 2 whatever its name: colours follow people, not list positions. */
const colorOf = (id: string) => Math.max(0, Number(/(\d+)$/.exec(id)?.[1] ?? 1) - 1);

/** The project's speakers as the renderer shows them; the box is that of the speaker's longest track. */
export function speakersView(store: ProjectStore, videoPath: string | undefined, thumbUrl: (path: string) => string | null): Speaker[] {
  const tracks = (videoPath && facesByVideo.get(videoPath)) || [];
  return store.speakers.list().map((s) => {
    const own = tracks.filter((t) => s.trackIds.includes(t.trackId)).sort((a, b) => b.frames - a.frames)[0];
    return {
      id: s.id,
      name: s.name,
      frames: s.frames,
      thumbnailUrl: s.thumbnail ? thumbUrl(s.thumbnail) : null,
      box: own?.box ?? null,
      color: colorOf(s.id),
    };
  });
}

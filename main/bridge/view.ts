import type { ProjectView } from '../../common/domain';
import type { EmotionTemplate } from '../../common/domain';
import type { EditorStore, MediaRef } from './store-port';
import type { History } from './history';

export const mediaUrl = (m: MediaRef): string => `/media/${m.id}`;

export function sourceOf(store: EditorStore, projectId: string): MediaRef | undefined {
  return store.listMedia(projectId).find((m) => m.role === 'source');
}

/** Assembles what the renderer shows from store rows. */
export function buildProjectView(store: EditorStore, projectId: string, history: History): ProjectView {
  const project = store.getProject(projectId)!;
  const src = sourceOf(store, projectId)!;
  const probe = (src.probe ?? {}) as { video?: { frameCount?: number }; audio?: unknown[] };
  const tracks = store.listDubTracks(projectId).flatMap((t) => {
    const clip = store.listClips(t.id)[0];
    const media = clip && store.getMedia(clip.mediaId);
    if (!clip || !media) return [];
    return [
      {
        id: t.id,
        language: t.language,
        name: t.name,
        muted: t.muted,
        audio: { mediaId: media.id, path: media.path, url: mediaUrl(media), start: clip.start, duration: media.duration ?? 0 },
      },
    ];
  });
  // A segment is stale for the editor when the first dub language's render is behind it.
  const rendered = tracks[0] ? store.renderedRevisions(projectId, tracks[0].language) : {};
  return {
    id: project.id,
    name: project.name,
    updatedAt: project.updatedAt,
    source: {
      mediaId: src.id,
      path: src.path,
      url: mediaUrl(src),
      duration: src.duration ?? 0,
      fps: src.fps ?? 25,
      width: src.width ?? 0,
      height: src.height ?? 0,
      frameCount: probe.video?.frameCount ?? Math.round((src.duration ?? 0) * (src.fps ?? 25)),
      hasAudio: (probe.audio?.length ?? 0) > 0,
    },
    dubTracks: tracks,
    segments: store.listSegments(projectId).map((s) => ({
      id: s.id,
      start: s.start,
      end: s.end,
      emotionTemplate: s.emotionTemplate as EmotionTemplate,
      intensity: s.intensity,
      lipsyncEnabled: s.lipsyncEnabled,
      revision: s.revision,
      renderedRevision: rendered[s.id] ?? null,
    })),
    history: history.state(),
  };
}

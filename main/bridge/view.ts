import type { EmotionTemplate, ProjectView } from '../../common/domain';
import type { MediaRef, ProjectStore } from '../engine/store';
import { speakersView } from './speaker-view';

export const mediaUrl = (m: MediaRef): string => `/media/${m.id}`;

export const sourceOf = (store: ProjectStore): MediaRef | undefined => store.media.list('source')[0];

/** The source's frames (the video stream's count; the container's duration may run on with the audio). */
export function frameCountOf(src: MediaRef | undefined): number {
  const probe = (src?.probe ?? {}) as { video?: { frameCount?: number } };
  return probe.video?.frameCount ?? Math.round((src?.duration ?? 0) * (src?.fps ?? 25));
}

/** Assembles what the renderer shows from the project file's rows. */
export function buildProjectView(store: ProjectStore, thumbUrl: (path: string) => string | null = () => null): ProjectView {
  const project = store.project.get();
  const src = sourceOf(store);
  const probe = (src?.probe ?? {}) as { audio?: unknown[] };
  const tracks = store.tracks.list().flatMap((t) => {
    const clips = store.clips.list(t.id).flatMap((c) => {
      const m = store.media.find(c.mediaId);
      if (!m) return [];
      const { id, start, trimStart, trimEnd, gainDb, mismatch, speaker } = c;
      const file = { mediaId: m.id, path: m.path, url: mediaUrl(m), mediaDuration: m.duration ?? 0 };
      return [{ id, ...file, start, trimStart, trimEnd, gainDb, mismatch, speaker }];
    });
    const first = clips[0];
    if (!first) return [];
    return [
      {
        id: t.id,
        language: t.language,
        name: t.name,
        muted: t.muted,
        audio: { mediaId: first.mediaId, path: first.path, url: first.url, start: first.start, duration: first.mediaDuration },
        clips,
      },
    ];
  });
  // The editor marks a segment stale against the newest render of the first dub language.
  const rendered = tracks[0] ? (store.renders.list(tracks[0].language)[0]?.segmentRevisions ?? {}) : {};
  const undoLabel = store.history.peekUndo() ?? null;
  const redoLabel = store.history.peekRedo() ?? null;
  return {
    id: project.id,
    name: project.name,
    updatedAt: project.updatedAt,
    source: {
      mediaId: src?.id ?? 'missing',
      path: src?.path ?? '',
      url: src ? mediaUrl(src) : '',
      duration: src?.duration ?? 0,
      fps: src?.fps ?? 25,
      width: src?.width ?? 0,
      height: src?.height ?? 0,
      frameCount: frameCountOf(src),
      hasAudio: (probe.audio?.length ?? 0) > 0,
    },
    dubTracks: tracks,
    segments: store.segments.list().map((s) => ({
      id: s.id,
      start: s.start,
      end: s.end,
      emotionTemplate: s.emotionTemplate as EmotionTemplate,
      intensity: s.intensity,
      lipsyncEnabled: s.lipsyncEnabled,
      text: s.text,
      revision: s.revision,
      renderedRevision: rendered[s.id] ?? null,
      speaker: s.speaker,
    })),
    speakers: speakersView(store, src?.path, thumbUrl),
    history: { canUndo: undoLabel !== null, canRedo: redoLabel !== null, undoLabel, redoLabel },
  };
}

import type { DubClip, DubTrack, MediaRef, Project, Segment } from '../engine/store/types';

/**
 * What the editor API needs from a project store. It is deliberately "put/remove" shaped:
 * undo/redo re-inserts the exact records an edit removed, ids included, so the store must
 * accept ids minted by the caller. The SQLite ProjectStore (main/engine/store) is adapted
 * to this; JsonEditorStore is a small file-backed stand-in with the same semantics.
 */
export interface EditorStore {
  listProjects(): Project[];
  getProject(id: string): Project | undefined;
  putProject(project: Project): void;

  listMedia(projectId: string): MediaRef[];
  getMedia(id: string): MediaRef | undefined;
  putMedia(media: MediaRef): void;
  removeMedia(id: string): void;

  listDubTracks(projectId: string): DubTrack[];
  putDubTrack(track: DubTrack): void;
  /** Removes the track and its clips. */
  removeDubTrack(id: string): void;
  listClips(trackId: string): DubClip[];
  putClip(clip: DubClip): void;

  listSegments(projectId: string): Segment[];
  getSegment(id: string): Segment | undefined;
  putSegment(segment: Segment): void;
  removeSegment(id: string): void;

  /** Segment id -> revision of the latest lip-sync render for a language (empty when none). */
  renderedRevisions(projectId: string, language: string): Record<string, number>;

  close(): void;
}

export type { DubClip, DubTrack, MediaRef, Project, Segment };

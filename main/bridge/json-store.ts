import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DubClip, DubTrack, EditorStore, MediaRef, Project, Segment } from './store-port';

interface Snapshot {
  version: 1;
  projects: Project[];
  media: MediaRef[];
  dubTracks: DubTrack[];
  clips: DubClip[];
  segments: Segment[];
}

const empty = (): Snapshot => ({ version: 1, projects: [], media: [], dubTracks: [], clips: [], segments: [] });

/**
 * A file-backed EditorStore (one JSON file, rewritten atomically on every change).
 * It exists so the editor and its tests run before/without the SQLite store; the data
 * model is the store's, so switching is a matter of passing the other implementation.
 */
export class JsonEditorStore implements EditorStore {
  private readonly file: string;
  private data: Snapshot;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'redub-projects.json');
    try {
      this.data = { ...empty(), ...(JSON.parse(readFileSync(this.file, 'utf8')) as Snapshot) };
    } catch {
      this.data = empty();
    }
  }

  private save(): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data));
    // rename is atomic: a crash leaves either the old or the new file, never half of one.
    renameSync(tmp, this.file);
  }

  private put<T extends { id: string }>(list: T[], item: T): void {
    const i = list.findIndex((x) => x.id === item.id);
    if (i >= 0) list[i] = structuredClone(item);
    else list.push(structuredClone(item));
    this.save();
  }

  listProjects(): Project[] {
    return [...this.data.projects].sort((a, b) => b.updatedAt - a.updatedAt);
  }
  getProject(id: string): Project | undefined {
    return this.data.projects.find((p) => p.id === id);
  }
  putProject(project: Project): void {
    this.put(this.data.projects, project);
  }

  listMedia(projectId: string): MediaRef[] {
    return this.data.media.filter((m) => m.projectId === projectId);
  }
  getMedia(id: string): MediaRef | undefined {
    return this.data.media.find((m) => m.id === id);
  }
  putMedia(media: MediaRef): void {
    this.put(this.data.media, media);
  }
  removeMedia(id: string): void {
    this.data.media = this.data.media.filter((m) => m.id !== id);
    this.save();
  }

  listDubTracks(projectId: string): DubTrack[] {
    return this.data.dubTracks.filter((t) => t.projectId === projectId).sort((a, b) => a.createdAt - b.createdAt);
  }
  putDubTrack(track: DubTrack): void {
    this.put(this.data.dubTracks, track);
  }
  removeDubTrack(id: string): void {
    this.data.dubTracks = this.data.dubTracks.filter((t) => t.id !== id);
    this.data.clips = this.data.clips.filter((c) => c.trackId !== id);
    this.save();
  }
  listClips(trackId: string): DubClip[] {
    return this.data.clips.filter((c) => c.trackId === trackId).sort((a, b) => a.start - b.start);
  }
  putClip(clip: DubClip): void {
    this.put(this.data.clips, clip);
  }

  listSegments(projectId: string): Segment[] {
    return this.data.segments.filter((s) => s.projectId === projectId).sort((a, b) => a.start - b.start);
  }
  getSegment(id: string): Segment | undefined {
    return this.data.segments.find((s) => s.id === id);
  }
  putSegment(segment: Segment): void {
    this.put(this.data.segments, segment);
  }
  removeSegment(id: string): void {
    this.data.segments = this.data.segments.filter((s) => s.id !== id);
    this.save();
  }

  renderedRevisions(): Record<string, number> {
    return {};
  }

  close(): void {}
}

import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProjectStore, type MediaRef } from '../engine/store';
import { notFound } from './errors';

/** What the welcome screen lists, kept beside the project files so it survives without opening them. */
export interface RecentEntry {
  id: string;
  file: string;
  name: string;
  videoPath: string;
  languages: string[];
  updatedAt: number;
}

/**
 * The editor's projects: one SQLite project file (ProjectStore) per video, in one folder,
 * plus a small registry for "recent projects". Stores stay open (and locked) while the editor
 * runs, so every edit is one transaction on an already-open file.
 */
export class ProjectWorkspace {
  private readonly stores = new Map<string, ProjectStore>();
  private readonly registryFile: string;
  private entries: RecentEntry[];

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.registryFile = join(dir, 'recent-projects.json');
    try {
      this.entries = (JSON.parse(readFileSync(this.registryFile, 'utf8')) as { projects: RecentEntry[] }).projects;
    } catch {
      this.entries = [];
    }
  }

  /** Most recently changed first; projects whose file is gone are left out. */
  recent(): RecentEntry[] {
    return this.entries.filter((e) => existsSync(e.file)).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  findByVideo(videoPath: string): RecentEntry | undefined {
    return this.recent().find((e) => e.videoPath === videoPath);
  }

  async get(projectId: string): Promise<ProjectStore> {
    const open = this.stores.get(projectId);
    if (open) return open;
    const entry = this.entries.find((e) => e.id === projectId);
    if (!entry || !existsSync(entry.file)) throw notFound('project', projectId);
    const store = await ProjectStore.open(entry.file);
    this.stores.set(store.projectId, store);
    return store;
  }

  async create(name: string): Promise<ProjectStore> {
    const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'project';
    const store = await ProjectStore.create(join(this.dir, `${safe}-${randomUUID().slice(0, 8)}.redub`), { name });
    this.stores.set(store.projectId, store);
    return store;
  }

  /** The open project holding a segment (segment ids are unique across projects). */
  storeOfSegment(segmentId: string): ProjectStore | undefined {
    for (const s of this.stores.values()) if (s.segments.find(segmentId)) return s;
    return undefined;
  }

  /** The open project holding a dub clip (ids are unique across projects). */
  storeOfClip(clipId: string): ProjectStore | undefined {
    for (const s of this.stores.values()) if (s.clips.find(clipId)) return s;
    return undefined;
  }

  /** The open project holding a dub track. */
  storeOfTrack(trackId: string): ProjectStore | undefined {
    for (const s of this.stores.values()) if (s.tracks.find(trackId)) return s;
    return undefined;
  }

  /** A media row of an open project: the only files the editor will serve. */
  findMedia(mediaId: string): MediaRef | undefined {
    for (const s of this.stores.values()) {
      const m = s.media.find(mediaId);
      if (m) return m;
    }
    return undefined;
  }

  /** Refreshes the registry entry of a project after it changed. */
  remember(store: ProjectStore): void {
    const p = store.project.get();
    const entry: RecentEntry = {
      id: p.id,
      file: store.path,
      name: p.name,
      videoPath: store.media.list('source')[0]?.path ?? '',
      languages: store.tracks.list().map((t) => t.language),
      updatedAt: p.updatedAt,
    };
    this.entries = [entry, ...this.entries.filter((e) => e.id !== p.id)];
    const tmp = `${this.registryFile}.tmp`;
    writeFileSync(tmp, JSON.stringify({ projects: this.entries }, null, 1));
    renameSync(tmp, this.registryFile);
  }

  /** Closes one project's file (and its lock); the next call naming it opens it again. */
  async closeProject(projectId: string): Promise<void> {
    const store = this.stores.get(projectId);
    this.stores.delete(projectId);
    await store?.close();
  }

  async close(): Promise<void> {
    const all = [...this.stores.values()];
    this.stores.clear();
    await Promise.all(all.map((s) => s.close()));
  }
}

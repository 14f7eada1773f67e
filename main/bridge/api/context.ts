import { resolve } from 'node:path';
import { ApiCallError, type EditorApi, type PickKind, type RedubEvent } from '../../../common/contract';
import type { ProjectStore } from '../../engine/store';
import type { EditorEngine } from '../engine-port';
import { notFound } from '../errors';
import { ExportQueue } from '../export-queue';
import { FarmExports } from '../farm-exports';
import { FrameCache } from '../frame-cache';
import { ModelService } from '../model-service';
import { PreviewRenderer } from '../preview-render';
import { buildProjectView, sourceOf } from '../view';
import type { ProjectWorkspace } from '../workspace';

export interface EditorApiOptions {
  mode: 'electron' | 'browser';
  version?: string;
  frames?: FrameCache;
  /** Pushes an event to the renderer(s). */
  emit?(event: RedubEvent): void;
  /**
   * Whether renderAround (the editor's background render near the playhead) renders at all
   * (default true). Off for hosts that must keep the CPU for something else (most e2e tests);
   * "Render In to Out" works either way.
   */
  backgroundRender?: boolean;
  /** Native file picker (Electron only). */
  pickFile?(kind: PickKind): Promise<string | null>;
  /** Opens a file in the system's player, or shows it in its folder (Electron only: shell). */
  showFile?(path: string, action: 'play' | 'reveal'): Promise<void>;
  /** Native folder picker (Electron only). */
  pickFolder?(purpose: 'models' | 'output'): Promise<string | null>;
}

/** A group of contract calls (projects, clips, preview…), each in its own file. */
export type ApiCalls<K extends keyof EditorApi> = Pick<EditorApi, K>;

export function fail(e: Error): never {
  throw e;
}

/** What every group of calls shares: the open projects, the engine, and the small rules between them. */
export class ApiContext {
  readonly frames: FrameCache;
  readonly emit: (event: RedubEvent) => void;
  readonly exports: ExportQueue;
  /** Exports sent to a render farm (their rows are not in the project file). */
  readonly farm: FarmExports;
  readonly models: ModelService;
  readonly renders: PreviewRenderer;
  // With a native picker (Electron), the renderer may only name files the user picked in it:
  // a compromised page cannot make the app read (and then serve) anything else.
  private readonly picked = new Set<string>();

  constructor(
    readonly workspace: ProjectWorkspace,
    readonly engine: EditorEngine,
    readonly options: EditorApiOptions,
  ) {
    this.frames = options.frames ?? new FrameCache();
    this.emit = options.emit ?? (() => undefined);
    this.exports = new ExportQueue(this.emit, (store, language) => this.renders.chunkDone(store, language));
    this.farm = new FarmExports(this.emit);
    this.renders = new PreviewRenderer(this.emit, this.frames, (id) => this.exports.busy(id));
    this.models = new ModelService(this.emit, workspace.dir, engine);
  }

  view(store: ProjectStore) {
    return buildProjectView(store, (path) => this.frames.putThumbnail(path));
  }

  markPicked(path: string): void {
    this.picked.add(resolve(path));
  }

  /** The absolute path of a file the renderer names, refused unless the user chose it (Electron). */
  chosenPath(path: string, field: string): string {
    const abs = resolve(path);
    if (this.options.pickFile && !this.picked.has(abs)) {
      throw new ApiCallError('FORBIDDEN', `${abs}: not a file chosen in the file dialog`, field);
    }
    return abs;
  }

  /** Where a language's dub audio is and where it starts on the timeline. */
  dubOf(store: ProjectStore, language: string): { path: string; offset: number } | null {
    const track = store.tracks.list().find((t) => t.language === language);
    const clip = track && store.clips.list(track.id)[0];
    const audio = clip && store.media.find(clip.mediaId);
    // Offset = where the file's t=0 lands on the timeline: the head trim is skipped, not shifted.
    return audio ? { path: audio.path, offset: clip.start - clip.trimStart } : null;
  }

  /**
   * Lip-sync needs a face track, a plan and a mouth bank (seconds): start them before the first
   * scrub in B. Only once there is a dub: without one nothing asks for an edited frame, and an
   * hour-long video's analysis would only compete with the editor for the CPU.
   */
  warm(store: ProjectStore): void {
    const src = sourceOf(store);
    const first = store.tracks.list()[0];
    const dub = first ? this.dubOf(store, first.language) : null;
    if (src && dub) void this.engine.warmPreview({ projectId: store.projectId, videoPath: src.path, dub }).catch(() => undefined);
  }

  storeOfSegment(id: string): ProjectStore {
    return this.workspace.storeOfSegment(id) ?? fail(notFound('segment', id));
  }

  storeOfClip(id: string): ProjectStore {
    return this.workspace.storeOfClip(id) ?? fail(notFound('dub clip', id));
  }

  storeOfTrack(id: string): ProjectStore {
    return this.workspace.storeOfTrack(id) ?? fail(notFound('dub track', id));
  }

  /** Runs an edit as one undo step, then tells the renderer(s) and the recent list. */
  edit(store: ProjectStore, label: string, fn: () => void) {
    store.edit(label, fn);
    return this.changed(store);
  }

  /** After any change to a project: the recent list, the renderer(s), a fresh view. */
  changed(store: ProjectStore) {
    this.workspace.remember(store);
    this.emit({ type: 'projectChanged', projectId: store.projectId });
    this.renders.changed(store);
    return this.view(store);
  }
}

import { basename, extname } from 'node:path';
import type Database from 'better-sqlite3';
import { AnalysisCache } from './analysis-cache';
import { backupIsRecent, DEFAULT_BACKUP_INTERVAL_MS, takeBackup } from './backups';
import { DubClipRepo } from './dub-clips';
import { DubTrackRepo } from './dub-tracks';
import { JobChunkRepo } from './job-chunks';
import { EditHistory } from './history';
import { JobRepo } from './jobs';
import type { ProjectLock } from './lock';
import { MediaRepo } from './media';
import { closeProjectDb, createProjectFile, openProjectDb, withCleanup } from './open-db';
import { ProjectRepo } from './projects';
import { RenderRepo } from './renders';
import { SegmentRepo } from './segments';
import { SpeakerRepo } from './speakers';
import type { JsonObject } from './types';

/**
 * A Redub project: one SQLite file (`*.redub`, WAL mode) held exclusively by one process.
 * Each aggregate has a small repository; they share the connection, so
 * `store.transaction(() => …)` spans several of them.
 */
export interface OpenOptions {
  /** Inspect without locking or writing (works while another process has it open). */
  readonly?: boolean;
  /** At most one rolling backup per this many ms (default 10 min; 0 = on every open/close). */
  backupIntervalMs?: number;
}

export interface CreateOptions {
  /** Defaults to the file name without extension. */
  name?: string;
  settings?: JsonObject;
  backupIntervalMs?: number;
  /**
   * First contents (source, dubs), written before the file appears: if this throws, no file is
   * left. Runs synchronously inside the creating transaction.
   */
  init?(store: ProjectStore): void;
}

export class ProjectStore {
  readonly project: ProjectRepo;
  readonly media: MediaRepo;
  readonly tracks: DubTrackRepo;
  readonly clips: DubClipRepo;
  readonly segments: SegmentRepo;
  /** The people of the source video and their names (schema v4). */
  readonly speakers: SpeakerRepo;
  readonly jobs: JobRepo;
  readonly chunks: JobChunkRepo;
  readonly renders: RenderRepo;
  readonly cache: AnalysisCache;
  /** Undo/redo of segment, dub track and dub clip edits (kept in the file). */
  readonly history: EditHistory;
  readonly projectId: string;
  /** Why the last automatic backup failed (disk full…), for the editor to warn about. */
  lastBackupError: Error | undefined;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
    private readonly lock: ProjectLock | undefined,
    private readonly backupIntervalMs: number,
  ) {
    this.history = new EditHistory(db);
    this.project = new ProjectRepo(db);
    this.projectId = this.project.id;
    this.media = new MediaRepo(db, this.projectId);
    this.tracks = new DubTrackRepo(db, this.projectId, this.history);
    this.clips = new DubClipRepo(db, this.history);
    this.segments = new SegmentRepo(db, this.projectId, this.history);
    this.speakers = new SpeakerRepo(db, this.projectId, this.history);
    this.jobs = new JobRepo(db, this.projectId);
    this.chunks = new JobChunkRepo(db);
    this.renders = new RenderRepo(db, this.projectId);
    this.cache = new AnalysisCache(db);
  }

  static async create(path: string, opts: CreateOptions = {}): Promise<ProjectStore> {
    const name = opts.name ?? basename(path, extname(path));
    createProjectFile(path, (d) => {
      new ProjectRepo(d).insert(name, opts.settings);
      opts.init?.(new ProjectStore(path, d, undefined, 0));
    });
    // Opened as any project, but without the opening backup: a new file has nothing to save yet.
    const { db, lock } = openProjectDb(path, false);
    return withCleanup(db, lock, () => new ProjectStore(path, db, lock, opts.backupIntervalMs ?? DEFAULT_BACKUP_INTERVAL_MS));
  }

  static async open(path: string, opts: OpenOptions = {}): Promise<ProjectStore> {
    const { db, lock } = openProjectDb(path, opts.readonly ?? false);
    const interval = opts.backupIntervalMs ?? DEFAULT_BACKUP_INTERVAL_MS;
    const store = withCleanup(db, lock, () => new ProjectStore(path, db, lock, interval));
    if (!store.readonly) {
      // First opener in this process after a crash: jobs marked running are orphans.
      if (!lock?.shared) store.jobs.recoverInterrupted();
      await store.safeBackup();
    }
    return store;
  }

  get readonly(): boolean {
    return this.db.readonly;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Runs fn in one write transaction (BEGIN IMMEDIATE); nested calls become savepoints. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Runs several edits as one undo step (and one transaction). */
  edit<T>(label: string, fn: () => T): T {
    return this.history.record(label, fn);
  }

  /**
   * Takes a rolling backup unless one is younger than the interval (`force` ignores it).
   * Returns the backup's path, or undefined when skipped.
   */
  async backup(force = false): Promise<string | undefined> {
    if (this.readonly || (!force && backupIsRecent(this.path, this.backupIntervalMs))) return undefined;
    return takeBackup(this.db, this.path);
  }

  /** Automatic backups never block opening or closing; the failure is kept for display. */
  private async safeBackup(): Promise<void> {
    try {
      await this.backup();
      this.lastBackupError = undefined;
    } catch (e) {
      this.lastBackupError = e as Error;
    }
  }

  /** Backs up (throttled), closes the file and releases the lock. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.safeBackup();
    } finally {
      closeProjectDb(this.db);
      this.lock?.release();
    }
  }
}

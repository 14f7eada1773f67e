import type { MediaInfo } from '../media/probe';
import type { JsonObject, MediaRef, MediaRole } from './types';
import { type Db, guard, newId, notFound, now, parseJson, type Row, updateById } from './sql';

/** Media files the project refers to: the source video(s) and the dub audio clips use. */
export interface NewMedia {
  role: MediaRole;
  path: string;
  contentHash?: string;
  duration?: number;
  fps?: number;
  width?: number;
  height?: number;
  probe?: JsonObject;
}

export type MediaPatch = Partial<Pick<MediaRef, 'path' | 'contentHash' | 'duration' | 'fps' | 'width' | 'height' | 'probe'>>;

/** The fields a media row keeps from a probe, so the editor can lay out a timeline without ffprobe. */
export function mediaFromProbe(info: MediaInfo, role: MediaRole, contentHash?: string): NewMedia {
  return {
    role,
    path: info.path,
    contentHash,
    duration: info.duration,
    fps: info.video?.fps,
    width: info.video?.width,
    height: info.video?.height,
    probe: info as unknown as JsonObject,
  };
}

function fromRow(r: Row): MediaRef {
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    role: r.role as MediaRole,
    path: r.path as string,
    contentHash: (r.content_hash as string | null) ?? null,
    duration: (r.duration as number | null) ?? null,
    fps: (r.fps as number | null) ?? null,
    width: (r.width as number | null) ?? null,
    height: (r.height as number | null) ?? null,
    probe: parseJson<JsonObject | null>(r.probe, null),
    createdAt: r.created_at as number,
  };
}

export class MediaRepo {
  constructor(
    private readonly db: Db,
    private readonly projectId: string,
  ) {}

  add(m: NewMedia): MediaRef {
    const id = newId();
    guard(() =>
      this.db
        .prepare(
          `INSERT INTO media (id, project_id, role, path, content_hash, duration, fps, width, height, probe, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          this.projectId,
          m.role,
          m.path,
          m.contentHash ?? null,
          m.duration ?? null,
          m.fps ?? null,
          m.width ?? null,
          m.height ?? null,
          m.probe ? JSON.stringify(m.probe) : null,
          now(),
        ),
    );
    return this.get(id);
  }

  addSource(m: Omit<NewMedia, 'role'>): MediaRef {
    return this.add({ ...m, role: 'source' });
  }

  find(id: string): MediaRef | undefined {
    const row = this.db.prepare('SELECT * FROM media WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  get(id: string): MediaRef {
    const m = this.find(id);
    if (!m) throw notFound('media', id);
    return m;
  }

  list(role?: MediaRole): MediaRef[] {
    const rows = role
      ? this.db.prepare('SELECT * FROM media WHERE project_id = ? AND role = ? ORDER BY created_at, rowid').all(this.projectId, role)
      : this.db.prepare('SELECT * FROM media WHERE project_id = ? ORDER BY created_at, rowid').all(this.projectId);
    return (rows as Row[]).map(fromRow);
  }

  /** Relinks a moved file or stores a fresh probe. */
  update(id: string, patch: MediaPatch): MediaRef {
    updateById<MediaRef>(this.db, 'media', id, patch, {
      path: 'path',
      contentHash: 'content_hash',
      duration: 'duration',
      fps: 'fps',
      width: 'width',
      height: 'height',
      probe: ['probe', (p) => (p ? JSON.stringify(p) : null)],
    });
    return this.get(id);
  }

  /** Fails (INVALID_ARGUMENT) while a clip still uses the media. */
  remove(id: string): void {
    guard(() => this.db.prepare('DELETE FROM media WHERE id = ?').run(id));
  }
}

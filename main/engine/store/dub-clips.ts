import type { EditHistory } from './history';
import type { DubClip, MismatchPolicy } from './types';
import { type Db, guard, newId, notFound, now, type Row, updateById } from './sql';

/** Placement of dub audio on a track. The audio file itself is a media row (role 'dub'). */
export interface NewDubClip {
  trackId: string;
  mediaId: string;
  start: number;
  trimStart?: number;
  trimEnd?: number;
  gainDb?: number;
  mismatch?: MismatchPolicy;
  /** The speaker whose face the clip drives (default null: the main speaker). */
  speaker?: string | null;
}

export type DubClipPatch = Partial<Pick<DubClip, 'start' | 'trimStart' | 'trimEnd' | 'gainDb' | 'mismatch' | 'mediaId' | 'speaker'>>;

function fromRow(r: Row): DubClip {
  return {
    id: r.id as string,
    trackId: r.track_id as string,
    mediaId: r.media_id as string,
    start: r.start_time as number,
    trimStart: r.trim_start as number,
    trimEnd: r.trim_end as number,
    gainDb: r.gain_db as number,
    mismatch: r.mismatch as MismatchPolicy,
    speaker: (r.speaker as string | null) ?? null,
    createdAt: r.created_at as number,
  };
}

export class DubClipRepo {
  constructor(
    private readonly db: Db,
    private readonly history: EditHistory,
  ) {}

  add(c: NewDubClip): DubClip {
    const id = newId();
    this.history.record('add dub clip', () =>
      guard(() =>
        this.db
          .prepare(
            `INSERT INTO dub_clips (id, track_id, media_id, start_time, trim_start, trim_end, gain_db, mismatch, speaker, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            id,
            c.trackId,
            c.mediaId,
            c.start,
            c.trimStart ?? 0,
            c.trimEnd ?? 0,
            c.gainDb ?? 0,
            c.mismatch ?? 'cut',
            c.speaker ?? null,
            now(),
          ),
      ),
    );
    return this.get(id);
  }

  find(id: string): DubClip | undefined {
    const row = this.db.prepare('SELECT * FROM dub_clips WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  get(id: string): DubClip {
    const c = this.find(id);
    if (!c) throw notFound('dub clip', id);
    return c;
  }

  /** Clips of a track in timeline order. */
  list(trackId: string): DubClip[] {
    const rows = this.db.prepare('SELECT * FROM dub_clips WHERE track_id = ? ORDER BY start_time, rowid').all(trackId);
    return (rows as Row[]).map(fromRow);
  }

  update(id: string, patch: DubClipPatch): DubClip {
    this.history.record('edit dub clip', () =>
      updateById<DubClip>(this.db, 'dub_clips', id, patch, {
        start: 'start_time',
        trimStart: 'trim_start',
        trimEnd: 'trim_end',
        gainDb: 'gain_db',
        mismatch: 'mismatch',
        mediaId: 'media_id',
        speaker: 'speaker',
      }),
    );
    return this.get(id);
  }

  remove(id: string): void {
    this.history.record('delete dub clip', () => this.db.prepare('DELETE FROM dub_clips WHERE id = ?').run(id));
  }
}

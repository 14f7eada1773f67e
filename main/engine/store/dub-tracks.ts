import { canonicalLanguage } from './language';
import type { EditHistory } from './history';
import type { DubTrack } from './types';
import { type Db, fromBit, guard, newId, notFound, now, type Row, toBit, updateById } from './sql';

/** One dub track per target language (or several, e.g. alternative takes). */
export interface NewDubTrack {
  language: string;
  name?: string;
  gainDb?: number;
  muted?: boolean;
}

export type DubTrackPatch = Partial<Pick<DubTrack, 'language' | 'name' | 'gainDb' | 'muted'>>;

function fromRow(r: Row): DubTrack {
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    language: r.language as string,
    name: r.name as string,
    gainDb: r.gain_db as number,
    muted: fromBit(r.muted),
    createdAt: r.created_at as number,
  };
}

export class DubTrackRepo {
  constructor(
    private readonly db: Db,
    private readonly projectId: string,
    private readonly history: EditHistory,
  ) {}

  add(t: NewDubTrack): DubTrack {
    const id = newId();
    const language = canonicalLanguage(t.language);
    this.history.record('add dub track', () =>
      guard(() =>
        this.db
          .prepare('INSERT INTO dub_tracks (id, project_id, language, name, gain_db, muted, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(id, this.projectId, language, t.name ?? language, t.gainDb ?? 0, toBit(t.muted ?? false), now()),
      ),
    );
    return this.get(id);
  }

  find(id: string): DubTrack | undefined {
    const row = this.db.prepare('SELECT * FROM dub_tracks WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  get(id: string): DubTrack {
    const t = this.find(id);
    if (!t) throw notFound('dub track', id);
    return t;
  }

  list(language?: string): DubTrack[] {
    const rows = language
      ? this.db
          .prepare('SELECT * FROM dub_tracks WHERE project_id = ? AND language = ? ORDER BY created_at, rowid')
          .all(this.projectId, canonicalLanguage(language))
      : this.db.prepare('SELECT * FROM dub_tracks WHERE project_id = ? ORDER BY created_at, rowid').all(this.projectId);
    return (rows as Row[]).map(fromRow);
  }

  update(id: string, patch: DubTrackPatch): DubTrack {
    const p = patch.language === undefined ? patch : { ...patch, language: canonicalLanguage(patch.language) };
    this.history.record('edit dub track', () =>
      updateById<DubTrack>(this.db, 'dub_tracks', id, p, {
        language: 'language',
        name: 'name',
        gainDb: 'gain_db',
        muted: ['muted', toBit],
      }),
    );
    return this.get(id);
  }

  /** Removes the track and its clips. */
  remove(id: string): void {
    this.history.record('delete dub track', () => this.db.prepare('DELETE FROM dub_tracks WHERE id = ?').run(id));
  }
}

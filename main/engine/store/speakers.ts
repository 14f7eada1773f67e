import type { EditHistory } from './history';
import type { ProjectSpeaker } from './types';
import { type Db, guard, notFound, now, type Row, updateById } from './sql';

export interface NewSpeaker {
  /** "speaker1"…: the id analysis gives (engine/speakers/speakers.ts). */
  id: string;
  name: string;
  trackIds: number[];
  frames: number;
  thumbnail?: string | null;
}

export type SpeakerPatch = Partial<Pick<ProjectSpeaker, 'name' | 'trackIds' | 'frames' | 'thumbnail'>>;

function fromRow(r: Row): ProjectSpeaker {
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    name: r.name as string,
    trackIds: JSON.parse(r.track_ids as string) as number[],
    frames: r.frames as number,
    thumbnail: (r.thumbnail as string | null) ?? null,
    createdAt: r.created_at as number,
  };
}

/** The project's speakers (people of the source video) and their editable names; undoable. */
export class SpeakerRepo {
  constructor(
    private readonly db: Db,
    private readonly projectId: string,
    private readonly history: EditHistory,
  ) {}

  add(s: NewSpeaker): ProjectSpeaker {
    this.history.record('add speaker', () =>
      guard(() =>
        this.db
          .prepare('INSERT INTO speakers (id, project_id, name, track_ids, frames, thumbnail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(s.id, this.projectId, s.name, JSON.stringify(s.trackIds), s.frames, s.thumbnail ?? null, now()),
      ),
    );
    return this.get(s.id);
  }

  find(id: string): ProjectSpeaker | undefined {
    const row = this.db.prepare('SELECT * FROM speakers WHERE id = ? AND project_id = ?').get(id, this.projectId) as Row | undefined;
    return row && fromRow(row);
  }

  get(id: string): ProjectSpeaker {
    const s = this.find(id);
    if (!s) throw notFound('speaker', id);
    return s;
  }

  /** In order of first appearance (speaker1, speaker2, … as analysis numbered them). */
  list(): ProjectSpeaker[] {
    const rows = this.db.prepare('SELECT * FROM speakers WHERE project_id = ? ORDER BY created_at, rowid').all(this.projectId);
    return (rows as Row[]).map(fromRow);
  }

  update(id: string, patch: SpeakerPatch): ProjectSpeaker {
    this.history.record('edit speaker', () =>
      updateById<ProjectSpeaker>(this.db, 'speakers', id, patch, {
        name: 'name',
        trackIds: ['track_ids', (v) => JSON.stringify(v)],
        frames: 'frames',
        thumbnail: 'thumbnail',
      }),
    );
    return this.get(id);
  }
}

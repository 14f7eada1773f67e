import { RedubError } from '../errors';
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

/** N of an analysis-style id "speakerN" (0 for any other id). */
const numberOf = (id: string) => Number(/^speaker(\d+)$/.exec(id)?.[1] ?? 0);

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
    this.noteNumber(s.id);
    return this.get(s.id);
  }

  /**
   * The highest speaker number this project ever gave, kept in projects.settings (not undoable,
   * never lowered): a merged-away speaker's id is never given to a new speaker, so nothing that
   * still names it (an export's file name, a user's notes) suddenly means someone else.
   */
  private lastNumber(): number {
    const row = this.db
      .prepare("SELECT json_extract(settings, '$.lastSpeakerNumber') AS n FROM projects WHERE id = ?")
      .get(this.projectId) as Row | undefined;
    return Number(row?.n ?? 0);
  }

  private noteNumber(id: string): void {
    const n = numberOf(id);
    if (n <= this.lastNumber()) return;
    this.db.prepare("UPDATE projects SET settings = json_set(settings, '$.lastSpeakerNumber', ?) WHERE id = ?").run(n, this.projectId);
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

  /**
   * `from` becomes part of `into` (re-identification kept them apart, the user says they are one
   * person): its tracks and frames join `into`, its clips and segments point at `into`, and it
   * is removed. One undo step.
   */
  merge(into: string, from: string): ProjectSpeaker {
    if (into === from) throw new RedubError('INVALID_ARGUMENT', `cannot merge speaker ${into} into itself`);
    return this.history.record('merge speakers', () => {
      const a = this.get(into),
        b = this.get(from);
      this.repoint(from, into);
      this.update(into, { trackIds: [...new Set([...a.trackIds, ...b.trackIds])].sort((x, y) => x - y), frames: a.frames + b.frames });
      this.db.prepare('DELETE FROM speakers WHERE id = ? AND project_id = ?').run(from, this.projectId);
      return this.get(into);
    });
  }

  /**
   * Some of a speaker's tracks are another person: they become a new speaker (a never-used
   * "speakerN": one past the highest number the project ever gave, named "Speaker N"), with `frames` and `thumbnail` as measured by the caller. The
   * clips and segments stay where they were. One undo step; returns the new speaker.
   */
  split(id: string, trackIds: number[], measured: { frames: number; thumbnail?: string | null }): ProjectSpeaker {
    return this.history.record('split speaker', () => {
      const s = this.get(id);
      const moved = [...new Set(trackIds)];
      const bad = moved.filter((t) => !s.trackIds.includes(t));
      if (bad.length)
        throw new RedubError('INVALID_ARGUMENT', `track ${bad.join(', ')} is not one of ${id}'s tracks (${s.trackIds.join(', ')})`);
      if (!moved.length || moved.length === s.trackIds.length) {
        throw new RedubError('INVALID_ARGUMENT', `splitting ${id} needs some but not all of its tracks (${s.trackIds.join(', ')})`);
      }
      const n = 1 + Math.max(this.lastNumber(), ...this.list().map((x) => numberOf(x.id)));
      this.update(id, { trackIds: s.trackIds.filter((t) => !moved.includes(t)), frames: Math.max(0, s.frames - measured.frames) });
      return this.add({ id: `speaker${n}`, name: `Speaker ${n}`, trackIds: moved.sort((a, b) => a - b), ...measured });
    });
  }

  /** Clips and segments of this project that name `from` now name `to`. */
  private repoint(from: string, to: string): void {
    this.db
      .prepare('UPDATE dub_clips SET speaker = ? WHERE speaker = ? AND track_id IN (SELECT id FROM dub_tracks WHERE project_id = ?)')
      .run(to, from, this.projectId);
    this.db
      .prepare('UPDATE segments SET speaker = ?, updated_at = ? WHERE speaker = ? AND project_id = ?')
      .run(to, now(), from, this.projectId);
  }
}

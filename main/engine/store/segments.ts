import { RedubError } from '../errors';
import type { EditHistory } from './history';
import type { EmotionTemplate, Segment, SegmentRevisions } from './types';
import { type Db, fromBit, guard, newId, notFound, now, type Row, toBit, updateById } from './sql';

/**
 * Timeline segments that carry lip-sync/emotion settings. Every change bumps `revision`
 * (a trigger does it, so direct SQL edits count too); renders store the revisions they
 * used, which is how the export queue knows what is stale.
 */
export interface NewSegment {
  start: number;
  end: number;
  emotionTemplate?: EmotionTemplate;
  intensity?: number;
  lipsyncEnabled?: boolean;
  /** What is said in the segment (a subtitle cue's text); '' when unknown. */
  text?: string;
  /** The speaker whose face the segment applies to (default null: the main speaker). */
  speaker?: string | null;
}

export type SegmentPatch = Partial<
  Pick<Segment, 'start' | 'end' | 'emotionTemplate' | 'intensity' | 'lipsyncEnabled' | 'text' | 'speaker'>
>;

/** Shorter pieces than this (s) are slips of the mouse, not edits. */
export const MIN_SEGMENT_LENGTH = 1e-3;

function fromRow(r: Row): Segment {
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    start: r.start_time as number,
    end: r.end_time as number,
    emotionTemplate: r.emotion_template as EmotionTemplate,
    intensity: r.intensity as number,
    lipsyncEnabled: fromBit(r.lipsync_enabled),
    revision: r.revision as number,
    text: (r.text as string | null) ?? '',
    speaker: (r.speaker as string | null) ?? null,
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
  };
}

export class SegmentRepo {
  constructor(
    private readonly db: Db,
    private readonly projectId: string,
    private readonly history: EditHistory,
  ) {}

  add(s: NewSegment): Segment {
    return this.history.record('add segment', () => this.insert(s));
  }

  private insert(s: NewSegment): Segment {
    const id = newId();
    const t = now();
    guard(() =>
      this.db
        .prepare(
          `INSERT INTO segments (id, project_id, start_time, end_time, emotion_template, intensity, lipsync_enabled, text, speaker, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          this.projectId,
          s.start,
          s.end,
          s.emotionTemplate ?? 'neutral',
          s.intensity ?? 1,
          toBit(s.lipsyncEnabled ?? true),
          s.text ?? '',
          s.speaker ?? null,
          t,
          t,
        ),
    );
    return this.get(id);
  }

  find(id: string): Segment | undefined {
    const row = this.db.prepare('SELECT * FROM segments WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  get(id: string): Segment {
    const s = this.find(id);
    if (!s) throw notFound('segment', id);
    return s;
  }

  /** Segments in timeline order. */
  list(): Segment[] {
    const rows = this.db.prepare('SELECT * FROM segments WHERE project_id = ? ORDER BY start_time, rowid').all(this.projectId);
    return (rows as Row[]).map(fromRow);
  }

  update(id: string, patch: SegmentPatch): Segment {
    return this.history.record('edit segment', () => this.patch(id, patch));
  }

  private patch(id: string, patch: SegmentPatch): Segment {
    const changed = updateById<Segment>(
      this.db,
      'segments',
      id,
      patch,
      {
        start: 'start_time',
        end: 'end_time',
        emotionTemplate: 'emotion_template',
        intensity: 'intensity',
        lipsyncEnabled: ['lipsync_enabled', toBit],
        text: 'text',
        speaker: 'speaker',
      },
      { updated_at: now() },
    );
    if (!changed && !this.find(id)) throw notFound('segment', id);
    return this.get(id);
  }

  /** Marks a segment changed for reasons outside its row (e.g. the dub audio under it was replaced). */
  bumpRevision(id: string): Segment {
    const r = this.db.prepare('UPDATE segments SET revision = revision + 1, updated_at = ? WHERE id = ?').run(now(), id);
    if (!r.changes) throw notFound('segment', id);
    return this.get(id);
  }

  remove(id: string): void {
    this.history.record('delete segment', () => this.db.prepare('DELETE FROM segments WHERE id = ?').run(id));
  }

  /**
   * Cuts a segment in two at `atTime` (timeline s). The left part keeps the id (its revision
   * bumps); the right part is a new segment with the same look. The text stays with the left
   * part (a line of dialogue is not duplicated; the user splits it by editing). Returns [left, right].
   */
  split(id: string, atTime: number): [Segment, Segment] {
    return this.history.record('split segment', (): [Segment, Segment] => {
      const s = this.get(id);
      if (!(atTime >= s.start + MIN_SEGMENT_LENGTH && atTime <= s.end - MIN_SEGMENT_LENGTH)) {
        throw new RedubError('INVALID_ARGUMENT', `cannot split segment ${s.start}–${s.end} s at ${atTime} s: the cut must fall inside it`);
      }
      const left = this.patch(id, { end: atTime });
      const right = this.insert({
        start: atTime,
        end: s.end,
        emotionTemplate: s.emotionTemplate,
        intensity: s.intensity,
        lipsyncEnabled: s.lipsyncEnabled,
        speaker: s.speaker,
      });
      return [left, right];
    });
  }

  /** Current revision of every segment, as a render records it. */
  revisions(): SegmentRevisions {
    const rows = this.db.prepare('SELECT id, revision FROM segments WHERE project_id = ?').all(this.projectId) as Row[];
    return Object.fromEntries(rows.map((r) => [r.id as string, r.revision as number]));
  }
}

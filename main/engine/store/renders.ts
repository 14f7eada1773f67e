import { canonicalLanguage } from './language';
import type { RenderRecord, SegmentRevisions } from './types';
import { type Db, guard, newId, now, parseJson, type Row } from './sql';

/** What was exported, where, and from which segment revisions and settings. */
export interface NewRender {
  language: string;
  format: string;
  path: string;
  segmentRevisions: SegmentRevisions;
  settingsHash: string;
  jobId?: string;
}

function fromRow(r: Row): RenderRecord {
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    language: r.language as string,
    format: r.format as string,
    path: r.path as string,
    segmentRevisions: parseJson<SegmentRevisions>(r.segment_revisions, {}),
    settingsHash: r.settings_hash as string,
    jobId: (r.job_id as string | null) ?? null,
    createdAt: r.created_at as number,
  };
}

/** Segment ids whose revision differs from the render's, plus ones added or removed since. */
export function staleSegments(render: RenderRecord, current: SegmentRevisions): string[] {
  const ids = new Set([...Object.keys(render.segmentRevisions), ...Object.keys(current)]);
  return [...ids].filter((id) => render.segmentRevisions[id] !== current[id]);
}

export class RenderRepo {
  constructor(
    private readonly db: Db,
    private readonly projectId: string,
  ) {}

  record(r: NewRender): RenderRecord {
    const id = newId();
    guard(() =>
      this.db
        .prepare(
          `INSERT INTO renders (id, project_id, language, format, path, segment_revisions, settings_hash, job_id, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          this.projectId,
          canonicalLanguage(r.language),
          r.format,
          r.path,
          JSON.stringify(r.segmentRevisions),
          r.settingsHash,
          r.jobId ?? null,
          now(),
        ),
    );
    return fromRow(this.db.prepare('SELECT * FROM renders WHERE id = ?').get(id) as Row);
  }

  /** Newest first, optionally for one language. */
  list(language?: string): RenderRecord[] {
    const rows = language
      ? this.db
          .prepare('SELECT * FROM renders WHERE project_id = ? AND language = ? ORDER BY created_at DESC, rowid DESC')
          .all(this.projectId, canonicalLanguage(language))
      : this.db.prepare('SELECT * FROM renders WHERE project_id = ? ORDER BY created_at DESC, rowid DESC').all(this.projectId);
    return (rows as Row[]).map(fromRow);
  }

  latest(language: string, format?: string): RenderRecord | undefined {
    return this.list(language).find((r) => format === undefined || r.format === format);
  }
}

import { undoTriggers, type UndoableTable } from './v2-undo';
import { UNDOABLE_TABLES as V3_UNDOABLE_TABLES } from './v3-segment-text';

/** Longest speaker name kept. */
export const MAX_SPEAKER_NAME = 200;

/**
 * Speakers (v4): the people of the source video (face tracks re-identified across shots, see
 * engine/speakers/), each with a name the user edits; every dub clip and segment names the
 * speaker whose face its lines drive. NULL there means the main speaker, so projects made
 * before v4 render exactly as before.
 */
export const UNDOABLE_TABLES: Readonly<Record<string, UndoableTable>> = {
  ...V3_UNDOABLE_TABLES,
  segments: {
    columns: [...V3_UNDOABLE_TABLES.segments.columns, 'speaker'],
    restorable: [...V3_UNDOABLE_TABLES.segments.restorable, 'speaker'],
  },
  dub_clips: {
    columns: [...V3_UNDOABLE_TABLES.dub_clips.columns, 'speaker'],
    restorable: [...V3_UNDOABLE_TABLES.dub_clips.restorable, 'speaker'],
  },
  speakers: {
    columns: ['id', 'project_id', 'name', 'track_ids', 'frames', 'thumbnail', 'created_at'],
    restorable: ['name', 'track_ids', 'frames', 'thumbnail'],
  },
};

const dropUndo = (table: string) => ['insert', 'update', 'delete'].map((a) => `DROP TRIGGER ${table}_undo_${a};`).join('\n');

export const V4_SPEAKERS = `
CREATE TABLE speakers (
  id          TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  project_id  TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= ${MAX_SPEAKER_NAME}),
  track_ids   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(track_ids) AND json_type(track_ids) = 'array'),
  frames      INTEGER NOT NULL DEFAULT 0 CHECK (frames >= 0),
  thumbnail   TEXT,
  created_at  INTEGER NOT NULL
);
CREATE INDEX speakers_by_project ON speakers(project_id);
ALTER TABLE dub_clips ADD COLUMN speaker TEXT CHECK (speaker IS NULL OR length(speaker) BETWEEN 1 AND 64);
ALTER TABLE segments ADD COLUMN speaker TEXT CHECK (speaker IS NULL OR length(speaker) BETWEEN 1 AND 64);
${dropUndo('segments')}
${dropUndo('dub_clips')}
${undoTriggers('segments', UNDOABLE_TABLES.segments)}
${undoTriggers('dub_clips', UNDOABLE_TABLES.dub_clips)}
${undoTriggers('speakers', UNDOABLE_TABLES.speakers)}
`;

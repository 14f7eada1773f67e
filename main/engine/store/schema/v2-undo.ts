/**
 * Undo history (v2). Triggers log, for every change to an undoable table made while a
 * step is recording, the operation that reverts it, as data (never as SQL text, so a
 * tampered file cannot smuggle statements into an undo). The column lists are frozen
 * with this migration; a later migration that adds columns must recreate the triggers.
 */
export interface UndoableTable {
  /** Every column, for re-inserting a deleted row. */
  columns: readonly string[];
  /** Columns an undone UPDATE restores (never revision: undo is a change too, so it bumps). */
  restorable: readonly string[];
}

/** The undoable tables as v2 left them (frozen: v2's SQL is built from this). */
export const V2_UNDOABLE_TABLES: Readonly<Record<string, UndoableTable>> = {
  segments: {
    columns: [
      'id',
      'project_id',
      'start_time',
      'end_time',
      'emotion_template',
      'intensity',
      'lipsync_enabled',
      'revision',
      'created_at',
      'updated_at',
    ],
    restorable: ['start_time', 'end_time', 'emotion_template', 'intensity', 'lipsync_enabled'],
  },
  dub_tracks: {
    columns: ['id', 'project_id', 'language', 'name', 'gain_db', 'muted', 'created_at'],
    restorable: ['language', 'name', 'gain_db', 'muted'],
  },
  dub_clips: {
    columns: ['id', 'track_id', 'media_id', 'start_time', 'trim_start', 'trim_end', 'gain_db', 'mismatch', 'created_at'],
    restorable: ['track_id', 'media_id', 'start_time', 'trim_start', 'trim_end', 'gain_db', 'mismatch'],
  },
};

export function undoTriggers(table: string, t: UndoableTable): string {
  const step = '(SELECT recording_step FROM edit_state)';
  const log = (action: string, data: string) =>
    `INSERT INTO edits (step_id, table_name, action, row_id, data) VALUES (${step}, '${table}', '${action}', ${data});`;
  const json = (cols: readonly string[]) => `json_object(${cols.map((c) => `'${c}', OLD.${c}`).join(', ')})`;
  const changed = t.restorable.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
  return `
CREATE TRIGGER ${table}_undo_insert AFTER INSERT ON ${table} WHEN ${step} IS NOT NULL
BEGIN ${log('delete', 'NEW.id, NULL')} END;
CREATE TRIGGER ${table}_undo_update AFTER UPDATE ON ${table} WHEN ${step} IS NOT NULL AND (${changed})
BEGIN ${log('update', `OLD.id, ${json(t.restorable)}`)} END;
CREATE TRIGGER ${table}_undo_delete AFTER DELETE ON ${table} WHEN ${step} IS NOT NULL
BEGIN ${log('insert', `OLD.id, ${json(t.columns)}`)} END;`;
}

export const V2_UNDO = `
CREATE TABLE edit_steps (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  stack       TEXT NOT NULL CHECK (stack IN ('undo', 'redo')),
  label       TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX edit_steps_by_stack ON edit_steps(stack, id);

CREATE TABLE edits (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  step_id     INTEGER NOT NULL REFERENCES edit_steps(id) ON DELETE CASCADE,
  table_name  TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
  row_id      TEXT NOT NULL,
  data        TEXT CHECK (data IS NULL OR json_valid(data))
);
CREATE INDEX edits_by_step ON edits(step_id, seq);

-- Which step the triggers are recording into; NULL outside an edit.
CREATE TABLE edit_state (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  recording_step  INTEGER
);
INSERT INTO edit_state (id, recording_step) VALUES (1, NULL);
${Object.entries(V2_UNDOABLE_TABLES)
  .map(([table, t]) => undoTriggers(table, t))
  .join('\n')}
`;

import { undoTriggers, V2_UNDOABLE_TABLES, type UndoableTable } from './v2-undo';

/** Longest segment text kept (a subtitle cue, a line of dialogue; not a script). */
export const MAX_SEGMENT_TEXT = 10_000;

/**
 * Segment text (v3): what is said in the segment, from a subtitle cue or typed in the
 * inspector. Subtitle exports write it; lip-sync planning may read it. Adding a column to an
 * undoable table means its undo triggers must be recreated with the new column lists.
 */
export const UNDOABLE_TABLES: Readonly<Record<string, UndoableTable>> = {
  ...V2_UNDOABLE_TABLES,
  segments: {
    columns: [...V2_UNDOABLE_TABLES.segments.columns, 'text'],
    restorable: [...V2_UNDOABLE_TABLES.segments.restorable, 'text'],
  },
};

export const V3_SEGMENT_TEXT = `
ALTER TABLE segments ADD COLUMN text TEXT NOT NULL DEFAULT '' CHECK (length(text) <= ${MAX_SEGMENT_TEXT});
DROP TRIGGER segments_undo_insert;
DROP TRIGGER segments_undo_update;
DROP TRIGGER segments_undo_delete;
${undoTriggers('segments', UNDOABLE_TABLES.segments)}
`;

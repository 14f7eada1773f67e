import type Database from 'better-sqlite3';
import { RedubError } from '../errors';

/**
 * The one source of truth for the project schema. Never edit a released migration:
 * append a new one. The applied version lives in `PRAGMA user_version`, and
 * `PRAGMA application_id` marks the file as a Redub project (so another app's SQLite
 * file is refused instead of being "migrated").
 */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** 'Rdub' as a big-endian int32. */
export const REDUB_APPLICATION_ID = 0x52647562;

const V1_INITIAL = `
CREATE TABLE projects (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  settings    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings) AND json_type(settings) = 'object')
);

CREATE TABLE media (
  id            TEXT PRIMARY KEY,
  project_id    TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  role          TEXT NOT NULL CHECK (role IN ('source', 'dub')),
  path          TEXT NOT NULL CHECK (length(path) > 0),
  content_hash  TEXT,
  duration      REAL CHECK (duration IS NULL OR duration >= 0),
  fps           REAL CHECK (fps IS NULL OR fps > 0),
  width         INTEGER CHECK (width IS NULL OR width > 0),
  height        INTEGER CHECK (height IS NULL OR height > 0),
  probe         TEXT CHECK (probe IS NULL OR json_valid(probe)),
  created_at    INTEGER NOT NULL
);
CREATE INDEX media_by_project ON media(project_id, role);

CREATE TABLE dub_tracks (
  id          TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  language    TEXT NOT NULL CHECK (length(language) BETWEEN 2 AND 35 AND language NOT GLOB '*[^A-Za-z0-9-]*'),
  name        TEXT NOT NULL,
  gain_db     REAL NOT NULL DEFAULT 0 CHECK (gain_db BETWEEN -96 AND 24),
  muted       INTEGER NOT NULL DEFAULT 0 CHECK (muted IN (0, 1)),
  created_at  INTEGER NOT NULL
);
CREATE INDEX dub_tracks_by_project ON dub_tracks(project_id);

CREATE TABLE dub_clips (
  id          TEXT PRIMARY KEY,
  track_id    TEXT NOT NULL REFERENCES dub_tracks(id) ON DELETE CASCADE,
  media_id    TEXT NOT NULL REFERENCES media(id) ON DELETE RESTRICT,
  start_time  REAL NOT NULL CHECK (start_time >= 0),
  trim_start  REAL NOT NULL DEFAULT 0 CHECK (trim_start >= 0),
  trim_end    REAL NOT NULL DEFAULT 0 CHECK (trim_end >= 0),
  gain_db     REAL NOT NULL DEFAULT 0 CHECK (gain_db BETWEEN -96 AND 24),
  mismatch    TEXT NOT NULL DEFAULT 'cut' CHECK (mismatch IN ('cut', 'pad', 'stretch')),
  created_at  INTEGER NOT NULL
);
CREATE INDEX dub_clips_by_track ON dub_clips(track_id, start_time);
CREATE INDEX dub_clips_by_media ON dub_clips(media_id);

CREATE TABLE segments (
  id                TEXT PRIMARY KEY,
  project_id        TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  start_time        REAL NOT NULL CHECK (start_time >= 0),
  end_time          REAL NOT NULL,
  emotion_template  TEXT NOT NULL DEFAULT 'neutral'
                    CHECK (emotion_template IN ('neutral', 'smile', 'sad', 'surprised', 'angry')),
  intensity         REAL NOT NULL DEFAULT 1 CHECK (intensity BETWEEN 0 AND 1),
  lipsync_enabled   INTEGER NOT NULL DEFAULT 1 CHECK (lipsync_enabled IN (0, 1)),
  revision          INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  CHECK (end_time > start_time)
);
CREATE INDEX segments_by_time ON segments(project_id, start_time);

-- Any change that does not itself move the revision bumps it, so no writer can forget.
CREATE TRIGGER segments_bump_revision AFTER UPDATE ON segments
WHEN NEW.revision = OLD.revision
BEGIN
  UPDATE segments SET revision = OLD.revision + 1 WHERE id = NEW.id;
END;

CREATE TABLE jobs (
  id             TEXT PRIMARY KEY,
  project_id     TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  language       TEXT NOT NULL,
  format         TEXT NOT NULL,
  state          TEXT NOT NULL DEFAULT 'queued'
                 CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  progress       REAL NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
  fps            REAL CHECK (fps IS NULL OR fps >= 0),
  eta            REAL CHECK (eta IS NULL OR eta >= 0),
  error          TEXT,
  out_path       TEXT NOT NULL,
  settings       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
  settings_hash  TEXT NOT NULL DEFAULT '',
  attempts       INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  started_at     INTEGER,
  finished_at    INTEGER,
  CHECK (state <> 'failed' OR error IS NOT NULL)
);
CREATE INDEX jobs_by_state ON jobs(state, created_at);

CREATE TABLE job_chunks (
  job_id       TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  chunk_index  INTEGER NOT NULL CHECK (chunk_index >= 0),
  start_frame  INTEGER NOT NULL CHECK (start_frame >= 0),
  end_frame    INTEGER NOT NULL,
  path         TEXT,
  content_key  TEXT NOT NULL,
  state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  finished_at  INTEGER,
  PRIMARY KEY (job_id, chunk_index),
  CHECK (end_frame > start_frame),
  CHECK (state <> 'done' OR path IS NOT NULL)
) WITHOUT ROWID;

CREATE TABLE renders (
  id                 TEXT PRIMARY KEY,
  project_id         TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  language           TEXT NOT NULL,
  format             TEXT NOT NULL,
  path               TEXT NOT NULL,
  segment_revisions  TEXT NOT NULL CHECK (json_valid(segment_revisions)),
  settings_hash      TEXT NOT NULL,
  job_id             TEXT REFERENCES jobs(id) ON DELETE SET NULL,
  created_at         INTEGER NOT NULL
);
CREATE INDEX renders_by_language ON renders(project_id, language, created_at);

CREATE TABLE analysis_cache (
  key         TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  payload     BLOB NOT NULL
);
CREATE INDEX analysis_cache_by_kind ON analysis_cache(kind);
`;

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

export const UNDOABLE_TABLES: Readonly<Record<string, UndoableTable>> = {
  segments: {
    columns: ['id', 'project_id', 'start_time', 'end_time', 'emotion_template', 'intensity', 'lipsync_enabled', 'revision', 'created_at', 'updated_at'],
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

function undoTriggers(table: string, t: UndoableTable): string {
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

const V2_UNDO = `
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
${Object.entries(UNDOABLE_TABLES).map(([table, t]) => undoTriggers(table, t)).join('\n')}
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', up: V1_INITIAL },
  { version: 2, name: 'undo history', up: V2_UNDO },
];

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.length ? migrations[migrations.length - 1].version : 0;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Catches a mis-edited list (gap, duplicate, reorder) before it touches a user's file. */
function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list is broken at "${m.name}": expected version ${i + 1}`);
  });
}

export function assertNotNewer(db: Database.Database, file: string, migrations = MIGRATIONS): void {
  const current = schemaVersion(db);
  const known = latestVersion(migrations);
  if (current > known) {
    throw new RedubError(
      'INVALID_ARGUMENT',
      `project was written by a newer Redub (schema v${current}; this Redub knows up to v${known}); update Redub to open it`,
      file,
    );
  }
}

/**
 * Brings the file up to the latest schema. Each step runs in its own transaction with
 * its version bump, so a crash mid-upgrade leaves the file at the last complete version.
 * Returns the versions applied.
 */
export function migrate(db: Database.Database, file: string, migrations: readonly Migration[] = MIGRATIONS): number[] {
  assertOrdered(migrations);
  assertNotNewer(db, file, migrations);
  const applied: number[] = [];
  for (const m of migrations.slice(schemaVersion(db))) {
    db.transaction(() => {
      db.exec(m.up);
      if (m.version === 1) db.pragma(`application_id = ${REDUB_APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}

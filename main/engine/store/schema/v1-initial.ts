/** Migration 1: the initial project schema. Released migrations are never edited. */
export const V1_INITIAL = `
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

import { RedubError } from '../errors';
import type { JsonObject, Project } from './types';
import { type Db, guard, newId, now, parseJson, type Row, updateById } from './sql';

/** The single project row of a file: name, timestamps, free-form editor settings. */
export type ProjectPatch = Partial<Pick<Project, 'name' | 'settings'>>;

function fromRow(r: Row): Project {
  return {
    id: r.id as string,
    name: r.name as string,
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
    settings: parseJson<JsonObject>(r.settings, {}),
  };
}

export class ProjectRepo {
  constructor(private readonly db: Db) {}

  insert(name: string, settings: JsonObject = {}): Project {
    const t = now();
    const id = newId();
    guard(() =>
      this.db
        .prepare('INSERT INTO projects (id, name, created_at, updated_at, settings) VALUES (?, ?, ?, ?, ?)')
        .run(id, name, t, t, JSON.stringify(settings)),
    );
    return this.get();
  }

  get(): Project {
    // One project per file; the oldest row wins should a foreign tool ever add another.
    const row = this.db.prepare('SELECT * FROM projects ORDER BY created_at, rowid LIMIT 1').get() as Row | undefined;
    if (!row) throw new RedubError('PROJECT_CORRUPT', 'file is not a Redub project or is damaged (no project record)');
    return fromRow(row);
  }

  get id(): string {
    return this.get().id;
  }

  update(patch: ProjectPatch): Project {
    updateById<Project>(
      this.db,
      'projects',
      this.get().id,
      patch,
      { name: 'name', settings: ['settings', (s) => JSON.stringify(s)] },
      { updated_at: now() },
    );
    return this.get();
  }

  /** Records that something in the project changed (for "modified" displays and sorting). */
  touch(): void {
    this.db.prepare('UPDATE projects SET updated_at = ?').run(now());
  }
}

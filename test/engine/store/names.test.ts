/**
 * One list of each domain name: the contract's lists (common/domain.ts) are what the schema's
 * CHECK constraints accept, read back from a freshly migrated project file, and what the
 * shipped emotion templates define.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMOTION_TEMPLATES, MISMATCH_POLICIES } from '../../../common/domain';
import { emotionTemplates } from '../../../main/engine/expression/templates';
import { ProjectStore } from '../../../main/engine/store';
import { REPO_ROOT } from '../../helpers/media';
import { tempProjectPath } from './helpers';

/** The values of `column IN ('a', 'b', …)` in a table's CREATE statement, as SQLite stores it. */
function checkedValues(path: string, table: string, column: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    const { sql } = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) as { sql: string };
    const list = new RegExp(`CHECK \\(${column} IN \\(([^)]*)\\)\\)`).exec(sql)?.[1];
    if (!list) throw new Error(`no CHECK (${column} IN (…)) in ${table}`);
    return [...list.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  } finally {
    db.close();
  }
}

describe('names the schema checks', () => {
  it('match the contract lists, in a migrated project file', async () => {
    const path = tempProjectPath();
    await (await ProjectStore.create(path)).close();
    expect(checkedValues(path, 'segments', 'emotion_template')).toEqual([...EMOTION_TEMPLATES]);
    expect(checkedValues(path, 'dub_clips', 'mismatch')).toEqual([...MISMATCH_POLICIES]);
  });

  it('the shipped templates are exactly the emotion list', () => {
    const file = JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'templates', 'emotions.json'), 'utf8'));
    expect(Object.keys(file.templates).sort()).toEqual([...EMOTION_TEMPLATES].sort());
    expect([...emotionTemplates().keys()]).toEqual([...EMOTION_TEMPLATES]);
  });
});

import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../../main/engine/store/migrations';
import { ProjectStore } from '../../../main/engine/store';
import { tempProjectPath } from './helpers';

describe('segment text (schema v3)', () => {
  it('a v2 project gains empty text on open, and its undo history keeps working', async () => {
    const path = tempProjectPath();
    writeFileSync(path, '');
    const db = new Database(path);
    migrate(db, path, MIGRATIONS.slice(0, 2));
    const t = Date.now();
    db.prepare('INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run('p1', 'old', t, t);
    db.prepare('INSERT INTO segments (id, project_id, start_time, end_time, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      's1',
      'p1',
      0,
      2,
      t,
      t,
    );
    db.close();
    const store = await ProjectStore.open(path);
    expect(store.segments.get('s1').text).toBe('');
    store.segments.update('s1', { text: 'Hola a todos.' });
    expect(store.segments.get('s1')).toMatchObject({ text: 'Hola a todos.', revision: 2 });
    store.history.undo();
    expect(store.segments.get('s1').text).toBe('');
    store.history.redo();
    expect(store.segments.get('s1').text).toBe('Hola a todos.');
    await store.close();
  });

  it('a deleted segment comes back with its text; a split keeps the text on the left part', async () => {
    const store = await ProjectStore.create(tempProjectPath());
    const seg = store.segments.add({ start: 0, end: 4, text: 'Hoy hablamos de banderas.' });
    const [left, right] = store.segments.split(seg.id, 2);
    expect([left.text, right.text]).toEqual(['Hoy hablamos de banderas.', '']);
    store.history.undo();
    store.segments.remove(seg.id);
    store.history.undo();
    expect(store.segments.get(seg.id).text).toBe('Hoy hablamos de banderas.');
    expect(() => store.segments.update(seg.id, { text: 'x'.repeat(10_001) })).toThrow(/CHECK constraint/);
    await store.close();
  });
});

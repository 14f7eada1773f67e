import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../../main/engine/store';
import { oldProjectWithSegment, tempProjectPath } from './helpers';

describe('segment text (schema v3)', () => {
  it('a v2 project gains empty text on open, and its undo history keeps working', async () => {
    const path = oldProjectWithSegment(2);
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

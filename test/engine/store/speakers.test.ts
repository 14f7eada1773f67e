import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../../main/engine/store';
import { oldProjectWithSegment, tempProjectPath } from './helpers';

describe('speakers (schema v4)', () => {
  it('a v3 project opens with no speakers and its clips and segments on the main speaker (null)', async () => {
    const path = oldProjectWithSegment(3);
    const store = await ProjectStore.open(path);
    expect(store.speakers.list()).toEqual([]);
    expect(store.segments.get('s1').speaker).toBeNull();
    store.segments.update('s1', { speaker: 'speaker2' });
    store.history.undo();
    expect(store.segments.get('s1').speaker).toBeNull();
    await store.close();
  });

  it('speakers have editable, undoable names; clips and segments keep their speaker through edits, splits and undo', async () => {
    const store = await ProjectStore.create(tempProjectPath());
    store.speakers.add({ id: 'speaker1', name: 'Speaker 1', trackIds: [0, 2], frames: 150, thumbnail: '/c/a.png' });
    store.speakers.add({ id: 'speaker2', name: 'Speaker 2', trackIds: [1], frames: 75 });
    store.speakers.update('speaker2', { name: 'Ana' });
    expect(store.speakers.list().map((s) => [s.id, s.name, s.trackIds])).toEqual([
      ['speaker1', 'Speaker 1', [0, 2]],
      ['speaker2', 'Ana', [1]],
    ]);
    store.history.undo();
    expect(store.speakers.get('speaker2').name).toBe('Speaker 2');
    expect(() => store.speakers.update('speaker1', { name: '  ' })).toThrow(/CHECK constraint/);
    const track = store.tracks.add({ language: 'es' });
    const media = store.media.add({ role: 'dub', path: '/tmp/a.wav' });
    const clip = store.clips.add({ trackId: track.id, mediaId: media.id, start: 0, speaker: 'speaker2' });
    const plain = store.clips.add({ trackId: track.id, mediaId: media.id, start: 3 });
    expect([clip.speaker, plain.speaker]).toEqual(['speaker2', null]);
    store.clips.update(clip.id, { speaker: 'speaker1' });
    store.history.undo();
    expect(store.clips.get(clip.id).speaker).toBe('speaker2');
    store.clips.remove(clip.id);
    store.history.undo();
    expect(store.clips.get(clip.id).speaker).toBe('speaker2');
    const seg = store.segments.add({ start: 0, end: 4, speaker: 'speaker1' });
    const [left, right] = store.segments.split(seg.id, 2);
    expect([left.speaker, right.speaker]).toEqual(['speaker1', 'speaker1']);
    await store.close();
  });
});

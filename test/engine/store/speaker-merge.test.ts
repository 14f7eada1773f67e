import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../../main/engine/store';
import { tempProjectPath } from './helpers';

/** A project with three speakers (speaker3 is really speaker1 after a cut), a clip and a segment on speaker3. */
async function threeSpeakers() {
  const store = await ProjectStore.create(tempProjectPath());
  store.speakers.add({ id: 'speaker1', name: 'Ana', trackIds: [0], frames: 75, thumbnail: '/c/a.png' });
  store.speakers.add({ id: 'speaker2', name: 'Speaker 2', trackIds: [1], frames: 75 });
  store.speakers.add({ id: 'speaker3', name: 'Speaker 3', trackIds: [2], frames: 75 });
  const media = store.media.add({ role: 'dub', path: '/d/es.wav', duration: 2 });
  const track = store.tracks.add({ language: 'es', name: 'Spanish', gainDb: 0 });
  const clip = store.clips.add({ trackId: track.id, mediaId: media.id, start: 0, speaker: 'speaker3' });
  const keep = store.clips.add({ trackId: track.id, mediaId: media.id, start: 3, speaker: 'speaker2' });
  const segment = store.segments.add({ start: 0, end: 2, speaker: 'speaker3' });
  return { store, clip: clip.id, keep: keep.id, segment: segment.id };
}

describe('merge and split speakers (store, undoable)', () => {
  it('merge: tracks and frames join, clips and segments are re-pointed, the merged speaker is gone; one undo restores all', async () => {
    const { store, clip, keep, segment } = await threeSpeakers();
    const merged = store.speakers.merge('speaker1', 'speaker3');
    expect([merged.name, merged.trackIds, merged.frames, merged.thumbnail]).toEqual(['Ana', [0, 2], 150, '/c/a.png']);
    expect(store.speakers.list().map((s) => s.id)).toEqual(['speaker1', 'speaker2']);
    expect([store.clips.get(clip).speaker, store.clips.get(keep).speaker, store.segments.get(segment).speaker]).toEqual([
      'speaker1',
      'speaker2',
      'speaker1',
    ]);
    expect(store.history.undo()).toBe('merge speakers');
    expect(store.speakers.list().map((s) => [s.id, s.trackIds, s.frames])).toEqual([
      ['speaker1', [0], 75],
      ['speaker2', [1], 75],
      ['speaker3', [2], 75],
    ]);
    expect([store.clips.get(clip).speaker, store.segments.get(segment).speaker]).toEqual(['speaker3', 'speaker3']);
    expect(() => store.speakers.merge('speaker1', 'speaker1')).toThrow(/into itself/);
    expect(() => store.speakers.merge('speaker1', 'speaker9')).toThrow(/speaker speaker9 does not exist/);
    await store.close();
  });

  it('split: some tracks become a never-used speaker id (not the merged-away one); clips stay; not all or none of the tracks; undoable', async () => {
    const { store, clip } = await threeSpeakers();
    store.speakers.merge('speaker1', 'speaker3');
    const made = store.speakers.split('speaker1', [2], { frames: 75, thumbnail: '/c/b.png' });
    expect([made.id, made.name, made.trackIds, made.frames, made.thumbnail]).toEqual(['speaker4', 'Speaker 4', [2], 75, '/c/b.png']);
    expect(store.speakers.get('speaker1')).toMatchObject({ trackIds: [0], frames: 75 });
    expect(store.clips.get(clip).speaker).toBe('speaker1');
    expect(() => store.speakers.split('speaker1', [0], { frames: 75 })).toThrow(/some but not all of its tracks \(0\)/);
    expect(() => store.speakers.split('speaker2', [7], { frames: 0 })).toThrow(/track 7 is not one of speaker2's tracks \(1\)/);
    expect(store.history.undo()).toBe('split speaker');
    expect(store.speakers.list().map((s) => [s.id, s.trackIds])).toEqual([
      ['speaker1', [0, 2]],
      ['speaker2', [1]],
    ]);
    // The undone split's id is not given again either, also after the project is reopened.
    const path = store.path;
    await store.close();
    const reopened = await ProjectStore.open(path);
    expect(reopened.speakers.split('speaker1', [2], { frames: 75 }).id).toBe('speaker5');
    await reopened.close();
  });
});

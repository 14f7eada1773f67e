import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ProjectStore, type Segment } from '../../../main/engine/store';
import { tempProjectPath } from './helpers';

/** What a user sees of segments: everything but bookkeeping that must move forward. */
const view = (segs: Segment[]) => segs.map(({ revision: _r, updatedAt: _u, ...rest }) => rest);

describe('undo history', () => {
  it('undoes and redoes add, edit, split and delete, newest first', async () => {
    const s = await ProjectStore.create(tempProjectPath());
    const seg = s.segments.add({ start: 0, end: 4 });
    const v1 = view(s.segments.list());
    s.segments.update(seg.id, { emotionTemplate: 'smile', intensity: 0.3 });
    const v2 = view(s.segments.list());
    const [, right] = s.segments.split(seg.id, 1.5);
    const v3 = view(s.segments.list());
    s.segments.remove(right.id);

    expect(s.history.peekUndo()).toBe('delete segment');
    expect(s.history.undo()).toBe('delete segment');
    expect(view(s.segments.list())).toEqual(v3);
    expect(s.history.undo()).toBe('split segment');
    expect(view(s.segments.list())).toEqual(v2);
    expect(s.history.undo()).toBe('edit segment');
    expect(view(s.segments.list())).toEqual(v1);

    expect(s.history.redo()).toBe('edit segment');
    expect(s.history.redo()).toBe('split segment');
    expect(view(s.segments.list())).toEqual(v3);
    expect(s.history.peekRedo()).toBe('delete segment');

    const before = s.project.get().updatedAt;
    await new Promise((r) => setTimeout(r, 5));
    s.segments.update(seg.id, { lipsyncEnabled: false }); // a new edit drops the redo stack
    expect(s.project.get().updatedAt).toBeGreaterThan(before);
    expect(s.history.peekRedo()).toBeUndefined();
    await s.close();
  });

  it('revisions only move forward, so renders never mistake undone work for current', async () => {
    const s = await ProjectStore.create(tempProjectPath());
    const seg = s.segments.add({ start: 0, end: 1 });
    s.segments.update(seg.id, { intensity: 0.5 });
    const seen = [s.segments.get(seg.id).revision];
    s.history.undo();
    seen.push(s.segments.get(seg.id).revision);
    s.history.redo();
    seen.push(s.segments.get(seg.id).revision);
    expect(seen).toEqual([2, 3, 4]);
    await s.close();
  });

  it('groups edits into one step and restores cascaded clips with their track', async () => {
    const s = await ProjectStore.create(tempProjectPath());
    const media = s.media.add({ role: 'dub', path: '/es.wav' });
    const track = s.edit('import Spanish dub', () => {
      const t = s.tracks.add({ language: 'es' });
      s.clips.add({ trackId: t.id, mediaId: media.id, start: 0 });
      s.clips.add({ trackId: t.id, mediaId: media.id, start: 5, mismatch: 'pad' });
      return t;
    });
    expect(s.history.peekUndo()).toBe('import Spanish dub');
    const clips = s.clips.list(track.id);

    s.tracks.remove(track.id); // cascades to both clips
    expect(s.clips.list(track.id)).toEqual([]);
    s.history.undo();
    expect(s.tracks.get(track.id)).toEqual(track);
    expect(s.clips.list(track.id)).toEqual(clips);

    s.history.undo(); // the whole import, in one step
    expect(s.tracks.list()).toEqual([]);
    expect(s.history.undo()).toBeUndefined();
    await s.close();
  });

  it('history survives closing the project; failed and no-op edits leave no step', async () => {
    const path = tempProjectPath();
    const a = await ProjectStore.create(path);
    const seg = a.segments.add({ start: 2, end: 3 });
    expect(() => a.segments.update(seg.id, { intensity: 7 })).toThrow(/CHECK/);
    a.segments.update(seg.id, { intensity: 1 }); // unchanged value
    a.segments.bumpRevision(seg.id); // not an edit of content
    expect(a.history.peekUndo()).toBe('add segment');
    await a.close();

    const b = await ProjectStore.open(path);
    expect(b.history.undo()).toBe('add segment');
    expect(b.segments.list()).toEqual([]);
    await b.close();
  });

  it('an undo that no longer fits fails cleanly and stays undoable', async () => {
    const s = await ProjectStore.create(tempProjectPath());
    const media = s.media.add({ role: 'dub', path: '/fr.wav' });
    const track = s.tracks.add({ language: 'fr' });
    const clip = s.clips.add({ trackId: track.id, mediaId: media.id, start: 1 });
    s.clips.remove(clip.id);
    s.media.remove(media.id); // media is outside history
    expect(() => s.history.undo()).toThrow(/invalid project edit: FOREIGN KEY/);
    expect(s.clips.list(track.id)).toEqual([]);
    expect(s.history.peekUndo()).toBe('delete dub clip');
    await s.close();
  });

  it('replays only whitelisted tables from the file', async () => {
    const path = tempProjectPath();
    const a = await ProjectStore.create(path);
    a.segments.add({ start: 0, end: 1 });
    await a.close();
    const db = new Database(path);
    db.prepare("UPDATE edits SET table_name = 'sqlite_schema'").run();
    db.close();
    const b = await ProjectStore.open(path);
    expect(() => b.history.undo()).toThrow(/unknown table "sqlite_schema"/);
    expect(b.segments.list()).toHaveLength(1); // nothing half-applied
    await b.close();
  });
});

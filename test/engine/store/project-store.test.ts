import { describe, expect, it } from 'vitest';
import { ProjectStore, staleSegments } from '../../../main/engine/store';
import { tempProjectPath } from './helpers';

async function newStore(): Promise<ProjectStore> {
  return ProjectStore.create(tempProjectPath(), { name: 'Interview' });
}

describe('ProjectStore', () => {
  it('reopening keeps every aggregate', async () => {
    const path = tempProjectPath();
    const a = await ProjectStore.create(path, { settings: { fps: 25 } });
    const src = a.media.addSource({
      path: '/v/in.mp4',
      contentHash: 'abc',
      duration: 12.5,
      fps: 25,
      width: 1920,
      height: 1080,
      probe: { format: 'mp4' },
    });
    const dubAudio = a.media.add({ role: 'dub', path: '/v/es.wav', duration: 11 });
    const track = a.tracks.add({ language: 'es', gainDb: -3 });
    const clip = a.clips.add({ trackId: track.id, mediaId: dubAudio.id, start: 0.5, mismatch: 'stretch' });
    const seg = a.segments.add({ start: 1, end: 4, emotionTemplate: 'smile', intensity: 0.5 });
    const job = a.jobs.enqueue({ language: 'es', format: 'mp4', outPath: '/out/es.mp4', settings: { crf: 18 }, settingsHash: 'h1' });
    a.chunks.record({ jobId: job.id, chunkIndex: 0, startFrame: 0, endFrame: 100, path: '/tmp/c0.mp4', contentKey: 'k0' });
    const render = a.renders.record({
      language: 'es',
      format: 'mp4',
      path: '/out/es.mp4',
      segmentRevisions: a.segments.revisions(),
      settingsHash: 'h1',
      jobId: job.id,
    });
    a.cache.put('face:abc:m1', 'face-track', Buffer.from([1, 2, 3]));
    a.project.update({ name: 'Interview (final)' });
    await a.close();

    const b = await ProjectStore.open(path);
    expect(b.project.get()).toMatchObject({ name: 'Interview (final)', settings: { fps: 25 } });
    expect(b.media.list('source')).toEqual([src]);
    expect(b.media.get(dubAudio.id).role).toBe('dub');
    expect(b.tracks.list()).toEqual([track]);
    expect(b.clips.list(track.id)).toEqual([clip]);
    expect(b.segments.list()).toEqual([seg]);
    expect(b.jobs.get(job.id)).toEqual(job);
    expect(b.chunks.list(job.id)).toHaveLength(1);
    expect(b.renders.list('es')).toEqual([render]);
    expect([...b.cache.get('face:abc:m1')!.payload]).toEqual([1, 2, 3]);
    await b.close();
  });

  it('dub tracks and clips: canonical languages, patches, cascades, guarded deletes', async () => {
    const s = await newStore();
    const t = s.tracks.add({ language: 'pt-br' });
    expect(t).toMatchObject({ language: 'pt-BR', name: 'pt-BR', gainDb: 0, muted: false });
    expect(() => s.tracks.add({ language: 'not a tag!' })).toThrow(/BCP-47/);
    expect(s.tracks.update(t.id, { muted: true, gainDb: -6 })).toMatchObject({ muted: true, gainDb: -6 });
    const m = s.media.add({ role: 'dub', path: '/a.wav' });
    const c = s.clips.add({ trackId: t.id, mediaId: m.id, start: 2 });
    expect(s.clips.update(c.id, { trimStart: 0.25, mismatch: 'pad' })).toMatchObject({ trimStart: 0.25, mismatch: 'pad', start: 2 });
    expect(() => s.clips.add({ trackId: 'nope', mediaId: m.id, start: 0 })).toThrow(/invalid project edit: FOREIGN KEY/);
    expect(() => s.clips.update(c.id, { start: -1 })).toThrow(/CHECK constraint failed/);
    expect(() => s.media.remove(m.id)).toThrow(/FOREIGN KEY/); // still used by a clip
    s.tracks.remove(t.id);
    expect(s.clips.find(c.id)).toBeUndefined();
    s.media.remove(m.id);
    await s.close();
  });

  it('segments: every change bumps the revision; split keeps settings on both halves', async () => {
    const s = await newStore();
    const seg = s.segments.add({ start: 2, end: 6, emotionTemplate: 'sad', intensity: 0.7, lipsyncEnabled: false });
    expect(seg.revision).toBe(1);
    expect(s.segments.update(seg.id, { intensity: 0.8 }).revision).toBe(2);
    expect(s.segments.bumpRevision(seg.id).revision).toBe(3);

    const [left, right] = s.segments.split(seg.id, 3.5);
    expect(left).toMatchObject({ id: seg.id, start: 2, end: 3.5, revision: 4 });
    expect(right).toMatchObject({ start: 3.5, end: 6, emotionTemplate: 'sad', intensity: 0.8, lipsyncEnabled: false, revision: 1 });
    expect(s.segments.list().map((x) => x.id)).toEqual([seg.id, right.id]);

    expect(() => s.segments.split(seg.id, 3.5)).toThrow(/must fall inside/);
    expect(() => s.segments.split(seg.id, 10)).toThrow(/must fall inside/);
    expect(() => s.segments.update(seg.id, { end: 1 })).toThrow(/CHECK constraint failed/);
    expect(() => s.segments.update(seg.id, { intensity: 2 })).toThrow(/CHECK constraint failed/);
    expect(s.segments.get(seg.id).revision).toBe(4); // failed edits change nothing

    const render = s.renders.record({
      language: 'es',
      format: 'mp4',
      path: '/o.mp4',
      segmentRevisions: s.segments.revisions(),
      settingsHash: 'x',
    });
    expect(staleSegments(render, s.segments.revisions())).toEqual([]);
    s.segments.update(right.id, { emotionTemplate: 'angry' });
    const third = s.segments.add({ start: 7, end: 8 });
    expect(staleSegments(render, s.segments.revisions()).sort()).toEqual([right.id, third.id].sort());
    await s.close();
  });

  it('jobs: sequential claims respect the concurrency limit and queue order', async () => {
    const s = await newStore();
    const ids = ['es', 'fr', 'de'].map((language) => s.jobs.enqueue({ language, format: 'mp4', outPath: `/o/${language}.mp4` }).id);
    const first = s.jobs.claimNext(2)!;
    const second = s.jobs.claimNext(2)!;
    expect([first.id, second.id]).toEqual(ids.slice(0, 2));
    expect(first).toMatchObject({ state: 'running', attempts: 1 });
    expect(s.jobs.claimNext(2)).toBeUndefined();

    expect(s.jobs.updateProgress(first.id, { progress: 0.4, fps: 30, eta: 12 })).toMatchObject({ progress: 0.4, fps: 30, eta: 12 });
    expect(s.jobs.finish(first.id)).toMatchObject({ state: 'done', progress: 1 });
    expect(s.jobs.claimNext(2)!.id).toBe(ids[2]);
    expect(s.jobs.fail(ids[2], 'disk full')).toMatchObject({ state: 'failed', error: 'disk full' });
    expect(() => s.jobs.finish(ids[2])).toThrow(/cannot finish job .*: it is failed/);
    expect(s.jobs.requeue(ids[2])).toMatchObject({ state: 'queued', error: null });
    expect(s.jobs.list('queued', 'running').map((j) => j.id)).toEqual([ids[1], ids[2]]);
    expect(s.jobs.enqueue({ language: 'PT-br', format: 'mov', outPath: '/o/pt.mov' }).language).toBe('pt-BR');
    await s.close();
  });

  it('jobs: cancel wins over a late worker update', async () => {
    const s = await newStore();
    const j = s.jobs.enqueue({ language: 'es', format: 'mp4', outPath: '/o.mp4' });
    s.jobs.claimNext();
    expect(s.jobs.cancel(j.id).state).toBe('cancelled');
    expect(s.jobs.updateProgress(j.id, { progress: 0.9 })).toMatchObject({ state: 'cancelled', progress: 0 });
    expect(s.jobs.finish(j.id).state).toBe('cancelled');
    expect(s.jobs.cancel(j.id).state).toBe('cancelled'); // idempotent
    expect(s.jobs.claimNext()).toBeUndefined();
    await s.close();
  });

  it('jobs: two store instances claiming alternately never share a job', async () => {
    const path = tempProjectPath();
    const a = await ProjectStore.create(path);
    const b = await ProjectStore.open(path); // same process: shares the lock
    for (let i = 0; i < 20; i++) a.jobs.enqueue({ language: 'es', format: 'mp4', outPath: `/o/${i}.mp4` });
    const claimed: string[] = [];
    for (let round = 0; round < 40; round++) {
      const store = round % 2 ? b : a;
      const job = store.jobs.claimNext(3);
      if (job) claimed.push(job.id);
      // The other instance finishes a job now and then, freeing a slot.
      const running = (round % 2 ? a : b).jobs.list('running');
      if (round % 3 === 0 && running.length) (round % 2 ? a : b).jobs.finish(running[0].id);
      expect(store.jobs.list('running').length).toBeLessThanOrEqual(3);
    }
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(a.jobs.list().every((j) => j.attempts <= 1)).toBe(true);
    await b.close();
    await a.close();
  });

  it('chunks: record, replace, and reuse only matching keys', async () => {
    const s = await newStore();
    const j = s.jobs.enqueue({ language: 'es', format: 'mp4', outPath: '/o.mp4' });
    s.chunks.record({ jobId: j.id, chunkIndex: 1, startFrame: 100, endFrame: 200, path: '/c1', contentKey: 'k1' });
    s.chunks.record({ jobId: j.id, chunkIndex: 0, startFrame: 0, endFrame: 100, path: '/c0', contentKey: 'k0' });
    s.chunks.record({ jobId: j.id, chunkIndex: 2, startFrame: 200, endFrame: 250, contentKey: 'k2', state: 'pending' });
    expect(s.chunks.list(j.id).map((c) => [c.chunkIndex, c.state])).toEqual([
      [0, 'done'],
      [1, 'done'],
      [2, 'pending'],
    ]);
    expect(s.chunks.get(j.id, 0)!.finishedAt).toBeTypeOf('number');
    const keys = ['k0', 'k1-changed', 'k2'];
    expect(s.chunks.reusable(j.id, (c) => keys[c.chunkIndex]).map((c) => c.chunkIndex)).toEqual([0]);
    expect(() => s.chunks.record({ jobId: j.id, chunkIndex: 3, startFrame: 9, endFrame: 9, path: '/c', contentKey: 'k' })).toThrow(/CHECK/);
    s.jobs.remove(j.id);
    expect(s.chunks.list(j.id)).toEqual([]);
    await s.close();
  });

  it('analysis cache: put replaces, get misses cleanly', async () => {
    const s = await newStore();
    expect(s.cache.get('k')).toBeUndefined();
    s.cache.put('k', 'face-track', new Uint8Array([9, 9]));
    s.cache.put('k', 'face-track', Buffer.alloc(100_000, 7));
    const e = s.cache.get('k')!;
    expect(e.payload.length).toBe(100_000);
    expect(s.cache.clearKind('face-track')).toBe(1);
    await s.close();
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EditorApi, RedubEvent } from '../../common/contract';
import { createEditorApi } from '../../main/bridge/editor-api';
import type { EditorEngine } from '../../main/bridge/engine-port';
import { ProjectWorkspace } from '../../main/bridge/workspace';
import { RedubError } from '../../main/engine/errors';
import { removeDir, tempDir } from './support/bridge';

/** The API layer alone, over a fake engine: edit semantics, history, revisions, persistence. */
const fakeEngine: EditorEngine = {
  describeMedia: async (path, role) =>
    role === 'source'
      ? { role, path, duration: 5, fps: 25, width: 590, height: 590, probe: { video: { fps: 25, frameCount: 125 } } }
      : { role, path, duration: 3.7, probe: {} },
  extractFrame: async () => new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
  waveformPeaks: async (_p, pps) => ({ peaks: new Array(5 * pps).fill(0.5), duration: 5 }),
  renderLipsyncFrame: async () => {
    throw new RedubError('MODEL_MISSING', 'no lip-sync model is installed');
  },
  warmPreview: async () => undefined,
  releasePreview: async (projectId) => void released.push(projectId),
  describeSpeakers: async () => ({ speakers: [], tracks: [] }),
};
const released: string[] = [];

describe('editor API', () => {
  let dir: string;
  let api: EditorApi;
  let events: RedubEvent[];
  let workspace: ProjectWorkspace;

  beforeEach(() => {
    dir = tempDir('redub-api-');
    events = [];
    workspace = new ProjectWorkspace(dir);
    api = createEditorApi(workspace, fakeEngine, { mode: 'browser', emit: (e) => events.push(e) });
  });
  afterEach(async () => {
    await workspace.close();
    removeDir(dir);
  });

  it('starts a project as one segment spanning the video, and reopens it for the same file', async () => {
    const p = await api.openVideo({ path: '/videos/talk.mp4' });
    expect(p.name).toBe('talk');
    expect(p.segments).toMatchObject([{ start: 0, end: 5, emotionTemplate: 'neutral', revision: 1, renderedRevision: null }]);
    expect(p.history.canUndo).toBe(false);
    expect((await api.openVideo({ path: '/videos/talk.mp4' })).id).toBe(p.id);
  });

  it('splits, edits, undoes and redoes; revisions only ever grow', async () => {
    const p = await api.openVideo({ path: '/videos/talk.mp4' });
    const first = p.segments[0];
    const split = await api.splitSegment({ segmentId: first.id, time: 2.5 });
    expect(split.segments.map((s) => [s.start, s.end])).toEqual([
      [0, 2.5],
      [2.5, 5],
    ]);
    const second = split.segments[1];
    const smiled = await api.updateSegment({ segmentId: second.id, patch: { emotionTemplate: 'smile', intensity: 0.6 } });
    expect(smiled.segments[1]).toMatchObject({ emotionTemplate: 'smile', intensity: 0.6, revision: 2 });
    expect(smiled.history.undoLabel).toBe('Change emotion, intensity');

    const undone = await api.undo({ projectId: p.id });
    expect(undone.segments[1]).toMatchObject({ emotionTemplate: 'neutral', intensity: 1, revision: 3 });
    const unsplit = await api.undo({ projectId: p.id });
    expect(unsplit.segments).toHaveLength(1);
    expect(unsplit.segments[0].end).toBe(5);
    expect(unsplit.history).toMatchObject({ canUndo: false, canRedo: true });

    await api.redo({ projectId: p.id });
    const redone = await api.redo({ projectId: p.id });
    // Redo re-inserts the segment as it was removed (r3, neutral), then re-applies the edit: r4.
    expect(redone.segments[1]).toMatchObject({ id: second.id, emotionTemplate: 'smile', revision: 4 });
    expect(events.filter((e) => e.type === 'projectChanged')).toHaveLength(2);
    const texted = await api.updateSegment({ segmentId: second.id, patch: { text: 'Hola a todos.' } });
    expect(texted.segments[1]).toMatchObject({ text: 'Hola a todos.', revision: 5 });
    expect(texted.history.undoLabel).toBe('Change text');
  });

  it('refuses a split outside the segment, naming the field', async () => {
    const p = await api.openVideo({ path: '/videos/talk.mp4' });
    await expect(api.splitSegment({ segmentId: p.segments[0].id, time: 5.5 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'time',
    });
    await expect(api.splitSegment({ segmentId: 'missing', time: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('adds a dub track (undoable) and keeps everything across a restart', async () => {
    const p = await api.openVideo({ path: '/videos/talk.mp4' });
    const withDub = await api.addDubTrack({ projectId: p.id, language: 'es', audioPath: '/dubs/es.wav' });
    expect(withDub.dubTracks).toMatchObject([{ language: 'es', name: 'Spanish', audio: { start: 0, duration: 3.7 } }]);
    // Close the project files (releasing their locks) and start over, as after a restart.
    await workspace.close();
    workspace = new ProjectWorkspace(dir);
    const again = createEditorApi(workspace, fakeEngine, { mode: 'browser' });
    expect((await again.listRecentProjects({})).map((r) => r.languages)).toEqual([['es']]);
    const reopened = await again.getProject({ projectId: p.id });
    expect(reopened.dubTracks).toHaveLength(1);
    // Undo history lives in the project file: it survives the restart.
    expect(reopened.history.undoLabel).toBe('Add Spanish dub');
    expect((await again.undo({ projectId: p.id })).dubTracks).toHaveLength(0);
  });

  it('closing a project releases its preview cache and its file; naming it again reopens it', async () => {
    const p = await api.openVideo({ path: '/videos/talk.mp4' });
    await api.addDubTrack({ projectId: p.id, language: 'es', audioPath: '/dubs/es.wav' });
    released.length = 0;
    expect(await api.closeProject({ projectId: p.id })).toEqual({ closed: true });
    expect(released).toEqual([p.id]);
    // The file is closed and unlocked: another workspace (another process) can open it.
    const other = new ProjectWorkspace(dir);
    expect((await other.get(p.id)).tracks.list()).toHaveLength(1);
    await other.close();
    expect((await api.getProject({ projectId: p.id })).dubTracks).toHaveLength(1);
  });

  it('with a native picker, accepts only files picked in it', async () => {
    const electronApi = createEditorApi(workspace, fakeEngine, {
      mode: 'electron',
      pickFile: async (kind) => (kind === 'video' ? '/videos/picked.mp4' : null),
    });
    await expect(electronApi.openVideo({ path: '/etc/passwd' })).rejects.toMatchObject({ code: 'FORBIDDEN', field: 'path' });
    expect(await electronApi.pickFile({ kind: 'video' })).toEqual({ path: '/videos/picked.mp4' });
    const p = await electronApi.openVideo({ path: '/videos/picked.mp4' });
    await expect(electronApi.addDubTrack({ projectId: p.id, language: 'es', audioPath: '/home/me/.ssh/id_rsa' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      field: 'audioPath',
    });
    await expect(electronApi.importSubtitles({ projectId: p.id, path: '/etc/passwd' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      field: 'path',
    });
  });

  it('edits dub clips (one undo step each); a language may have many clips', async () => {
    const p = await api.openVideo({ path: '/videos/talk.mp4' });
    const withDub = await api.addDubTrack({ projectId: p.id, language: 'es', audioPath: '/dubs/es.wav' });
    const track = withDub.dubTracks[0];
    expect(track.clips).toMatchObject([{ start: 0, trimStart: 0, trimEnd: 0, gainDb: 0, mismatch: 'cut', mediaDuration: 3.7 }]);
    const clipId = track.clips[0].id;
    const moved = await api.updateDubClip({ clipId, patch: { start: 0.5, gainDb: -3, mismatch: 'pad' } });
    expect(moved.dubTracks[0].clips[0]).toMatchObject({ start: 0.5, gainDb: -3, mismatch: 'pad' });
    expect(moved.dubTracks[0].audio.start).toBe(0.5);
    expect(moved.history.undoLabel).toBe('Change Spanish clip offset, gain, fit');
    await expect(api.updateDubClip({ clipId, patch: { trimStart: 2, trimEnd: 2 } })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'patch.trimEnd',
    });
    const two = await api.addDubClip({ trackId: track.id, audioPath: '/dubs/es-2.wav', start: 4 });
    expect(two.dubTracks[0].clips.map((c) => c.start)).toEqual([0.5, 4]);
    const one = await api.removeDubClip({ clipId: two.dubTracks[0].clips[1].id });
    expect(one.dubTracks[0].clips).toHaveLength(1);
    // The last clip takes its language with it; undo brings both back.
    expect((await api.removeDubClip({ clipId })).dubTracks).toHaveLength(0);
    expect((await api.undo({ projectId: p.id })).dubTracks[0].clips[0]).toMatchObject({ id: clipId, start: 0.5 });
  });

  it('imports subtitles as segments, in one undo step', async () => {
    const p = await api.openVideo({ path: '/videos/talk.mp4' });
    const srt = join(dir, 'talk.srt');
    writeFileSync(srt, '1\n00:00:00,500 --> 00:00:01,500\nHola\n\n2\n00:00:02,000 --> 00:00:04,000\nAdiós\n');
    const imported = await api.importSubtitles({ projectId: p.id, path: srt });
    expect(imported.segments.map((s) => [s.start, s.end])).toEqual([
      [0.5, 1.5],
      [2, 4],
    ]);
    expect((await api.undo({ projectId: p.id })).segments.map((s) => [s.start, s.end])).toEqual([[0, 5]]);
    writeFileSync(srt, '1\n00:00:00,500 -> 00:00:01,500\nHola\n');
    await expect(api.importSubtitles({ projectId: p.id, path: srt })).rejects.toThrow(/talk\.srt: line 2: expected a cue timing/);
  });

  it('answers a preview with the original at once and the lip-sync outcome as an event', async () => {
    const p = await api.openVideo({ path: '/videos/talk.mp4' });
    await api.addDubTrack({ projectId: p.id, language: 'es', audioPath: '/dubs/es.wav' });
    const original = await api.renderPreviewFrame({ projectId: p.id, time: 2, language: null });
    expect(original).toMatchObject({ frameIndex: 50, time: 2, lipsync: { status: 'unavailable' } });
    expect(original.original.url).toMatch(/^\/frames\/[0-9a-f]{24}\.jpg$/);
    const dubbed = await api.renderPreviewFrame({ projectId: p.id, time: 9, language: 'es' });
    expect(dubbed.frameIndex).toBe(124);
    expect(dubbed.lipsync.status).toBe('pending');
    await expect
      .poll(() => events.find((e) => e.type === 'previewFrame'))
      .toMatchObject({
        requestId: dubbed.requestId,
        lipsync: { status: 'unavailable', reason: expect.stringMatching(/no lip-sync model/) },
      });
  });
});

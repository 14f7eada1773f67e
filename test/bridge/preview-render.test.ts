import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EditorApi, RedubEvent } from '../../common/contract';
import type { ExportJob } from '../../common/domain';
import type { RenderState } from '../../common/render-state';
import { createEditorApi } from '../../main/bridge/editor-api';
import { FrameCache } from '../../main/bridge/frame-cache';
import { createLocalEngine } from '../../main/bridge/local-engine';
import { ProjectWorkspace } from '../../main/bridge/workspace';
import { sharedMedia } from '../helpers/media';
import { panelExport, removeDir, tempDir, useEngineDirs } from '../e2e/support/bridge';

const dir = tempDir('redub-preview-render-');
afterAll(() => removeDir(dir));

/** Resolves with the first renderState event that passes `ok`. */
function waitForState(events: RedubEvent[], ok: (s: RenderState) => boolean, ms = 240_000): Promise<RenderState> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      const hit = events.find((e): e is Extract<RedubEvent, { type: 'renderState' }> => e.type === 'renderState' && ok(e.state));
      if (hit) return resolve(hit.state);
      if (Date.now() - started > ms) return reject(new Error('render state never came'));
      setTimeout(tick, 100);
    };
    tick();
  });
}

describe('preview render (the render bar)', () => {
  it('renders In–Out into the export chunks; the export reuses them; edits make them stale; jumps, edits and stop restart it', async () => {
    useEngineDirs();
    const events: RedubEvent[] = [];
    const frames = new FrameCache();
    const workspace = new ProjectWorkspace(join(dir, 'projects'));
    const api: EditorApi = createEditorApi(workspace, createLocalEngine(), { mode: 'browser', frames, emit: (e) => events.push(e) });
    try {
      const opened = await api.openVideo({ path: sharedMedia('talk3.mp4') });
      const p = await api.addDubTrack({ projectId: opened.id, language: 'es', audioPath: sharedMedia('speech1.wav') });
      const before = await api.getRenderState({ projectId: p.id, language: 'es' });
      // talk3: 125 frames at 25 fps in the editor's 2 s chunks.
      expect(before.chunks.map((c) => [c.startFrame, c.endFrame, c.state])).toEqual([
        [0, 50, 'none'],
        [50, 100, 'none'],
        [100, 125, 'none'],
      ]);

      await api.renderRange({ projectId: p.id, language: 'es', start: 0, end: 1.5 });
      const done = await waitForState(events, (s) => s.mode === null && s.chunks[0].state === 'rendered');
      expect(done.error).toBeNull();
      expect(done.chunks.map((c) => c.state)).toEqual(['rendered', 'none', 'none']);
      // Served for playback by a random key, and the file is a real chunk.
      const file = frames.getFile(done.chunks[0].url!);
      expect(file && existsSync(file)).toBe(true);

      const out = join(dir, 'out');
      mkdirSync(out);
      events.length = 0;
      /** The export job's last event once it has finished. */
      const finished = () =>
        new Promise<ExportJob>((resolve) => {
          const tick = () => {
            const last = events.filter((e) => e.type === 'exportJob').at(-1) as Extract<RedubEvent, { type: 'exportJob' }> | undefined;
            if (last && (last.job.state === 'done' || last.job.state === 'failed')) resolve(last.job);
            else setTimeout(tick, 100);
          };
          tick();
        });
      await api.queueExport(panelExport(p.id, out));
      // The bar follows the export's chunks as they land.
      await waitForState(events, (s) => s.chunks.every((c) => c.state === 'rendered'));
      const final = await finished();
      expect(final.error).toBeNull();
      expect(final.state).toBe('done');
      // The first chunk came from the preview render.
      expect(final.chunks).toEqual({ done: 3, reused: 1 });
      expect(existsSync(join(out, `${p.name}_es.mp4`))).toBe(true);

      // An export without lip-sync renders its own chunks elsewhere: the preview's stay, and none reads "stale".
      const chunksBefore = readdirSync(workDir(p.id)).filter((n) => n.startsWith('chunk-'));
      events.length = 0;
      await api.queueExport(panelExport(p.id, out, { pattern: '{project}_{lang}_plain.{ext}', lipsync: 'none' }));
      expect((await finished()).state).toBe('done');
      expect(readdirSync(workDir(p.id)).filter((n) => n.startsWith('chunk-'))).toEqual(chunksBefore);
      const afterPlain = await api.getRenderState({ projectId: p.id, language: 'es' });
      expect(afterPlain.chunks.map((c) => c.state)).toEqual(['rendered', 'rendered', 'rendered']);

      // An edit inside the first chunk only (0–1 s, far from the others): that chunk goes stale.
      const split = await api.splitSegment({ segmentId: p.segments[0].id, time: 1 });
      const first = split.segments[0];
      events.length = 0;
      await api.updateSegment({ segmentId: first.id, patch: { emotionTemplate: 'smile', intensity: 1 } });
      const edited = await waitForState(events, (s) => s.chunks[0].state !== 'rendered', 30_000);
      expect(edited.chunks.map((c) => c.state)).toEqual(['stale', 'rendered', 'rendered']);
      expect(edited.chunks[0].url).toBeNull();
      const now = await api.getRenderState({ projectId: p.id, language: 'es' });
      expect(now.chunks.map((c) => c.state)).toEqual(['stale', 'rendered', 'rendered']);

      // A jump (a new range elsewhere) drops the chunk in progress; so does an edit that makes it stale.
      const segs = (await api.getProject({ projectId: p.id })).segments;
      await api.updateSegment({ segmentId: segs[1].id, patch: { emotionTemplate: 'sad', intensity: 1 } });
      events.length = 0;
      await api.renderRange({ projectId: p.id, language: 'es', start: 4.2, end: 5 });
      await waitForState(events, (s) => s.rendering?.start === 4);
      await api.renderRange({ projectId: p.id, language: 'es', start: 0, end: 0.8 });
      await waitForState(events, (s) => s.rendering?.start === 0);
      const keyBefore = await chunkKeys(p.id);
      await api.updateSegment({ segmentId: segs[0].id, patch: { intensity: 0.5 } });
      const last = await waitForState(events, (s) => s.mode === null && s.chunks[0].state === 'rendered');
      expect(last.error).toBeNull();
      // Chunk 2's render was dropped (its older file stays: stale); chunk 0 is the edited version.
      expect(last.chunks.map((c) => c.state)).toEqual(['rendered', 'stale', 'stale']);
      const names = readdirSync(workDir(p.id));
      expect(names.filter((n) => n.includes('.partial-'))).toEqual([]);
      expect(await chunkKeys(p.id)).not.toEqual(keyBefore);

      // The background render starts at the playhead's chunk (4.5 s: the last one), and stops on request.
      events.length = 0;
      const around = await api.renderAround({ projectId: p.id, language: 'es', time: 4.5 });
      expect(around.mode).toBe('around');
      const begun = await waitForState(events, (s) => s.rendering !== null);
      expect(begun.rendering!.start).toBe(4);
      expect(await api.stopRender({ projectId: p.id })).toEqual({ stopped: true });
      const stopped = await waitForState(events, (s) => s.mode === null && s.rendering === null);
      expect(stopped.error).toBeNull();
    } finally {
      await workspace.close();
    }

    function workDir(projectId: string): string {
      const root = join(dir, 'projects');
      const work = readdirSync(root, { withFileTypes: true }).find((d) => d.isDirectory() && d.name.endsWith('.work'))!;
      expect(projectId).toBeTruthy();
      return join(root, work.name, 'es.mp4');
    }
    async function chunkKeys(projectId: string): Promise<string[]> {
      return readdirSync(workDir(projectId)).filter((n) => n.startsWith('chunk-') && n.endsWith('-0-50.mp4'));
    }
  }, 600_000);
});

/**
 * The Export panel's audio and In–Out choices reach the file through the editor API: a queued
 * export with original audio ducked, loudness -23 LUFS and In–Out 1–2.2 s writes a 1.2 s file
 * at -23 LUFS, with a WebVTT file of the segments' text on the range's timeline.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EditorApi } from '../../common/contract';
import { createEditorApi } from '../../main/bridge/editor-api';
import { FrameCache } from '../../main/bridge/frame-cache';
import { createLocalEngine } from '../../main/bridge/local-engine';
import { ProjectWorkspace } from '../../main/bridge/workspace';
import { measureLoudness } from '../../main/engine/media/loudness';
import { ffprobeJson, sharedMedia } from '../helpers/media';
import { panelExport, removeDir, tempDir, useEngineDirs } from '../e2e/support/bridge';

const dir = tempDir('redub-export-audio-api-');
afterAll(() => removeDir(dir));

describe('editor export: original audio, loudness and In–Out', () => {
  it('writes the range, normalised, as queued from the panel', async () => {
    useEngineDirs();
    const workspace = new ProjectWorkspace(join(dir, 'projects'));
    const api: EditorApi = createEditorApi(workspace, createLocalEngine(), {
      mode: 'browser',
      frames: new FrameCache(),
      emit: () => undefined,
    });
    try {
      const opened = await api.openVideo({ path: sharedMedia('talk3.mp4') });
      const added = await api.addDubTrack({ projectId: opened.id, language: 'es', audioPath: sharedMedia('speech1.wav') });
      const segment = added.segments.find((s) => s.start < 2.2 && s.end > 1)!;
      const p = await api.updateSegment({ segmentId: segment.id, patch: { text: 'Hola a todos' } });
      const out = join(dir, 'out');
      mkdirSync(out);
      const [queued] = await api.queueExport(
        panelExport(p.id, out, {
          lipsync: 'none',
          originalAudio: 'ducked',
          loudnessLufs: -23,
          range: { start: 1, end: 2.2 },
          subtitles: 'vtt',
        }),
      );
      let job = queued;
      for (let i = 0; i < 1200 && (job.state === 'queued' || job.state === 'running'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        job = (await api.listExportJobs({ projectId: p.id })).find((j) => j.id === queued.id)!;
      }
      expect(job.state, job.error ?? '').toBe('done');
      const probe = await ffprobeJson(job.outPath, true);
      expect(Number(probe.streams.find((s) => s.codec_type === 'video')!.nb_read_frames)).toBe(30);
      const audio = probe.streams.find((s) => s.codec_type === 'audio')!;
      const vtt = readFileSync(job.outPath.replace(/\.mp4$/, '.es.vtt'), 'utf8');
      expect(vtt).toMatch(/^WEBVTT\n\n00:00:00\.\d{3} --> 00:00:01\.\d{3}\nHola a todos\n/);
      expect(Math.abs((await measureLoudness(job.outPath, audio.index)).integratedLufs + 23)).toBeLessThan(1.5);
    } finally {
      await workspace.close();
    }
  }, 240_000);
});

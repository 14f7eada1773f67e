import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RedubEvent } from '../../common/contract';
import type { ExportJob } from '../../common/domain';
import { ExportQueue } from '../../main/bridge/export-queue';
import { ProjectStore } from '../../main/engine/store';
import { runCli } from '../helpers/cli';
import { makeFrameCodedVideo } from '../helpers/frame-code';
import { makeSpeech, removeDir, tmpDir } from '../helpers/media';

const dir = tmpDir('redub-queue-phases-');
afterAll(() => removeDir(dir));

describe('editor export queue', () => {
  it('a running job shows its real phase (preparing, rendering, assembling), never "queued" while it works', async () => {
    const video = join(dir, 'coded.mp4');
    const es = join(dir, 'es.wav');
    makeFrameCodedVideo(video, 2);
    await makeSpeech('es', 'Hola, esto es una prueba.', es);
    const path = join(dir, 'p.redub');
    const created = await runCli(['project', 'create', '--video', video, '--dub', `es=${es}`, '--out', path]);
    expect(created.code, created.stderr).toBe(0);
    const out = join(dir, 'out');
    mkdirSync(out);
    const jobs: ExportJob[] = [];
    const queue = new ExportQueue((e: RedubEvent) => e.type === 'exportJob' && jobs.push(e.job));
    const store = await ProjectStore.open(path);
    try {
      await queue.enqueue(store, {
        languages: ['es'],
        format: 'mp4',
        outDir: out,
        pattern: '{project}_{lang}.{ext}',
        lipsync: 'none',
        overwrite: false,
      });
      await queue.idle(store.projectId);
    } finally {
      await store.close();
    }
    const phases = [...new Set(jobs.filter((j) => j.state === 'running').map((j) => j.phase))];
    expect(phases).toEqual(['preparing', 'rendering', 'assembling']);
    // Assembling comes after every frame: its event carries the progress so far, not the claim's 0.
    expect(jobs.find((j) => j.phase === 'assembling')!.progress).toBe(1);
    expect(jobs.at(-1)).toMatchObject({ state: 'done', phase: null });
  }, 60_000);
});

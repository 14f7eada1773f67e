import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSpeakers } from '../../main/engine/speakers/analyze-speakers';
import { measureTwoFaces, sides } from '../helpers/two-face-measure';
import { makeSpanishLines, type SpanishLines } from '../engine/speakers/spanish-lines';
import { makeTwoFaceVideo } from '../engine/speakers/two-faces';
import { CHROMIUM, launchChromium, shot } from './support/browser';
import { removeDir, startBridge, tempDir, type RunningBridge } from './support/bridge';
import { ensureRendererBuilt } from './support/build-renderer';

/**
 * Speakers in the editor (browser mode, real bridge and engine) on the two-face video:
 * the Speakers panel finds both faces; each of the two Spanish clips is put on its face by
 * clicking that face's thumbnail in the clip inspector; the preview render and the export then
 * drive each face from its own clip.
 */
const noChromium = !existsSync(CHROMIUM);

describe.skipIf(noChromium)('speakers panel, face picker, outline (browser mode)', () => {
  let bridge: RunningBridge;
  let browser: Browser;
  let page: Page;
  let work: string;
  let video = '';
  let lines: SpanishLines;
  let projectId = '';
  const ids = { left: '', right: '' };
  const names = { left: '', right: '' };
  const failures: string[] = [];
  const poll = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });
  const clip = (n: number) => page.getByRole('button', { name: new RegExp(`^Spanish clip ${n},`) });
  const selectClip = async (n: number) => {
    // The two clips lie on top of each other (both start at 0): the release goes to the block itself,
    // not to a click point (Enter would also reach the editor's "render In to Out").
    await clip(n).dispatchEvent('pointerup');
    await poll(() => page.getByRole('form', { name: 'Clip inspector' }).locator('h3').textContent()).toContain(`Spanish clip ${n}`);
  };

  beforeAll(async () => {
    work = tempDir('redub-e2e-speakers-');
    const [b] = await Promise.all([launchChromium(), ensureRendererBuilt()]);
    browser = b;
    bridge = await startBridge();
    [video, lines] = await Promise.all([makeTwoFaceVideo(work), makeSpanishLines(work)]);
    const a = await analyzeSpeakers(video);
    const side = sides(a.track);
    for (const k of ['left', 'right'] as const) {
      const s = a.speakers.find((x) => x.trackIds.includes(side[k]))!;
      [ids[k], names[k]] = [s.id, s.name];
    }
    // The project: the video and one Spanish track of two clips, both on the timeline from 0 s
    // (each file is the 5-s timeline with its line in place), neither on a speaker yet.
    const api = bridge.server.api;
    const opened = await api.openVideo({ path: video });
    const p = await api.addDubTrack({ projectId: opened.id, language: 'es', audioPath: lines.left });
    await api.addDubClip({ trackId: p.dubTracks[0].id, audioPath: lines.right, start: 0 });
    projectId = p.id;
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => failures.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) void r.text().then((body) => failures.push(`${r.status()} ${r.url()} ${body}`));
    });
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.stop();
    removeDir(bridge?.projectDir ?? '');
    removeDir(work ?? '');
  });

  it('the Speakers panel shows both faces with thumbnails and editable names', async () => {
    await page.goto(bridge.server.launchUrl);
    await page.getByRole('button', { name: 'Reopen two-faces' }).click();
    await poll(() => page.getByTestId('project-name').textContent()).toBe('two-faces');
    await page.getByRole('tab', { name: 'Speakers' }).click();
    const panel = page.getByRole('region', { name: 'Speakers' });
    await poll(() => panel.getByRole('img').count(), 120_000).toBe(2);
    // Each thumbnail is a real decoded image served by the bridge.
    await poll(() => panel.getByRole('img').evaluateAll((els) => els.map((e) => (e as HTMLImageElement).naturalWidth))).toEqual([128, 128]);
    const name = panel.getByLabel(`Name of ${ids.right}`);
    await name.fill('Marta');
    await name.press('Enter');
    names.right = 'Marta';
    await poll(() => bridge.workspace.get(projectId).then((s) => s.speakers.get(ids.right).name)).toBe('Marta');
    await shot(page, 'speakers-panel');
  });

  it('a click on a face thumbnail puts the clip on that face: timeline colour, outline over that face, undoable', async () => {
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await selectClip(1);
    await page.getByRole('button', { name: `Speaker ${names.left}` }).click();
    await poll(() => clip(1).locator('.speaker-mark').getAttribute('data-speaker')).toBe(ids.left);
    await selectClip(2);
    await page.getByRole('button', { name: `Speaker ${names.right}` }).click();
    await poll(() => clip(2).locator('.speaker-mark').getAttribute('data-speaker')).toBe(ids.right);
    expect(await page.getByRole('button', { name: `Speaker ${names.right}` }).getAttribute('aria-pressed')).toBe('true');
    // The outline sits over the right half of the picture: the face clip 2 drives.
    const outline = page.locator('.face-outline');
    await poll(() => outline.getAttribute('data-speaker')).toBe(ids.right);
    const screen = (await page.locator('.screen').boundingBox())!;
    const box = (await outline.boundingBox())!;
    expect(box.x - screen.x).toBeGreaterThan(screen.width / 2);
    expect(await page.getByRole('alert').count()).toBe(0);
    await shot(page, 'speakers-assigned');
    const store = await bridge.workspace.get(projectId);
    const clips = store.clips.list(store.tracks.list()[0].id);
    expect(clips.map((c) => c.speaker)).toEqual([ids.left, ids.right]);
    // One undo step per assignment.
    expect(store.history.peekUndo()).toBe(`Clip to ${names.right}`);
  });

  it('preview render and export drive each face from its own clip (AUC ≥ 0.75 each, PSNR outside both lower faces ≥ 40 dB)', async () => {
    // Preview: "Render In to Out" over the whole video, into the export's chunks; the bar shows them.
    await page.getByRole('button', { name: 'Monitor dub' }).click();
    await bridge.server.api.renderRange({ projectId, language: 'es', start: 0, end: 5 });
    const chunkStates = () => page.locator('.render-chunk[data-state]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    await poll(chunkStates, 400_000).toEqual(['rendered', 'rendered', 'rendered']);
    // Export from the Export tab (it reuses the preview's chunks).
    const outDir = join(work, 'exports');
    mkdirSync(outDir);
    await page.getByRole('tab', { name: 'Export' }).click();
    await page.getByLabel('Output folder').fill(outDir);
    await page.getByRole('button', { name: 'Queue export' }).click();
    const job = page.getByRole('listitem', { name: 'Export es mp4' });
    await poll(() => job.getByTestId('job-state').textContent(), 300_000).toBe('Done');
    const m = await measureTwoFaces('editor export', join(outDir, 'two-faces_es.mp4'), video, lines);
    expect(m.leftAuc).toBeGreaterThanOrEqual(0.75);
    expect(m.rightAuc).toBeGreaterThanOrEqual(0.75);
    expect(m.psnr).toBeGreaterThanOrEqual(40);
    expect(failures).toEqual([]);
  }, 900_000);
});

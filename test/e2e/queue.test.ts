import { existsSync, mkdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, SHOTS, launchChromium, shot } from './support/browser';
import { removeDir, startBridge, tempDir, type RunningBridge } from './support/bridge';
import { ensureRendererBuilt } from './support/build-renderer';
import { makeSpanishDub, talk3Cut } from './support/media';
import { ffprobeJson } from '../helpers/media';

/**
 * The export queue as an editor uses it, in Chromium over the real bridge and engine: a missing
 * output folder is refused at queue time (and made on consent), a job that fails shows Failed
 * with its error and a Retry that takes it to Done, Remove and Clear finished empty the list,
 * the folder, the audio, In–Out and subtitle choices and the In/Out marks are remembered across a
 * reload (and used by the next export), and no message speaks of command-line flags.
 */
const noChromium = !existsSync(CHROMIUM);

describe.skipIf(noChromium)('export queue (browser mode)', () => {
  let bridge: RunningBridge;
  let browser: Browser;
  let page: Page;
  let work: string;
  let video: string;
  let dubWav: string;
  const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout, interval: 100 });
  const job = () => page.getByRole('listitem', { name: 'Export es mp4' });
  const state = () => job().getByTestId('job-state').textContent();

  beforeAll(async () => {
    work = tempDir('redub-e2e-queue-');
    dubWav = makeSpanishDub(work);
    // Two seconds of talk3: the export itself is not what this file tests.
    video = talk3Cut(work, 'short.mp4', 2);
    const [b] = await Promise.all([launchChromium(), ensureRendererBuilt()]);
    browser = b;
    bridge = await startBridge();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  });

  it('opens a short video with a Spanish dub', async () => {
    await page.goto(bridge.server.launchUrl);
    await page.getByRole('button', { name: 'Open video' }).first().click();
    await page.getByRole('dialog', { name: 'Open video' }).getByLabel('Video file path').fill(video);
    await page.getByRole('dialog', { name: 'Open video' }).getByRole('button', { name: 'Open', exact: true }).click();
    await poll(() => page.getByTestId('project-name').textContent()).toBe('short');
    await page.getByRole('button', { name: 'Add dub track' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add dub track' });
    await dialog.getByLabel('Language').selectOption('es');
    await dialog.getByLabel('Dub audio file path').fill(dubWav);
    await dialog.getByRole('button', { name: 'Add dub' }).click();
    await poll(() => page.getByLabel('Spanish waveform').getAttribute('data-ready')).toBe('true');
    await page.getByRole('tab', { name: 'Export' }).click();
    await page.getByLabel('Lip-sync').selectOption('none');
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.stop();
    removeDir(bridge?.projectDir ?? '');
    removeDir(work ?? '');
  });

  it('refuses a missing output folder at queue time, and creates it only when asked', async () => {
    const outDir = join(work, 'exports');
    await page.getByLabel('Output folder').fill(outDir);
    await page.getByRole('button', { name: 'Queue export' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain(`${outDir}: this folder does not exist`);
    expect(existsSync(outDir)).toBe(false);
    expect(await job().count()).toBe(0);
    await page.getByRole('button', { name: 'Create folder and queue' }).click();
    await poll(() => state(), 60_000).toBe('Done');
    expect(statSync(outDir).isDirectory()).toBe(true);
    expect(statSync(join(outDir, 'short_es.mp4')).size).toBeGreaterThan(1000);
  });

  it('says in editor words, not CLI flags, that the file exists', async () => {
    await page.getByRole('button', { name: 'Queue export' }).click();
    const alert = await page.getByRole('alert').textContent();
    expect(alert).toContain('Replace existing files');
    expect(alert).not.toContain('--overwrite');
  });

  it('shows a failed job as Failed with its error and a Retry that takes it to Done', async () => {
    await page.getByRole('button', { name: 'Clear finished' }).click();
    await poll(() => job().count()).toBe(0);
    // The output name taken by a folder: the job fails when it runs, not when it is queued.
    const out = join(work, 'exports', 'short_es.mp4');
    removeDir(out);
    mkdirSync(out);
    await page.getByLabel('Replace existing files').check();
    await page.getByRole('button', { name: 'Queue export' }).click();
    await poll(() => state()).toBe('Failed');
    expect(await job().getByRole('alert').textContent()).toContain('is a folder');
    await page.getByRole('button', { name: 'Retry es export' }).hover();
    await shot(page, 'queue-retry');
    rmdirSync(out);
    await page.getByRole('button', { name: 'Retry es export' }).click();
    await poll(() => state(), 60_000).toBe('Done');
    expect(await job().getByRole('alert').count()).toBe(0);
    expect(statSync(out).isFile()).toBe(true);
    await shot(page, 'queue-retry-done');
  });

  it('copies a finished file’s path in a browser (Play and Show in folder are the desktop app’s)', async () => {
    const out = join(work, 'exports', 'short_es.mp4');
    expect(await job().getByRole('button', { name: 'Play es export' }).count()).toBe(0);
    // No native folder picker in a browser either: the typed path is the whole field.
    expect(await page.getByRole('button', { name: 'Choose output folder' }).count()).toBe(0);
    await job().getByRole('button', { name: 'Copy path of es export' }).click();
    await poll(() => job().getByRole('button', { name: 'Copy path of es export' }).textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(out);
  });

  it('remembers the output folder per project across a reload; Remove empties the queue', async () => {
    await page.reload();
    await poll(() => page.getByTestId('project-name').textContent()).toBe('short');
    await page.getByRole('tab', { name: 'Export' }).click();
    expect(await page.getByLabel('Output folder').inputValue()).toBe(join(work, 'exports'));
    await poll(() => state()).toBe('Done');
    await page.getByRole('button', { name: 'Remove es export' }).click();
    await poll(() => job().count()).toBe(0);
    expect(await page.getByText('Nothing queued yet.').count()).toBe(1);
  });

  it('remembers the audio, In–Out and subtitle choices and the In/Out marks per project across a reload', async () => {
    // The marks: In at frame 10, Out at frame 40 (the shortcuts are the timeline's, not a field's).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('i');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('o');
    const marks = page.getByLabel('In and out points');
    await poll(() => marks.textContent()).toBe('In 00:00.40 · Out 00:01.60');
    await page.getByLabel('Original audio').selectOption('ducked');
    await page.getByLabel('Loudness').selectOption('-23');
    await page.getByLabel('Export In to Out').check();
    await page.getByLabel('Subtitles file').check();
    await page.getByLabel('Subtitle file type').selectOption('vtt');
    // The side panel as the user sees it, scrolled to the audio selects down to Subtitles (an element shot of the taller
    // .export would take in whatever covers its hidden part).
    await page.getByLabel('Original audio').evaluate((el) => el.closest('.field')?.scrollIntoView({ block: 'start' }));
    await page.getByRole('complementary', { name: 'Side panel' }).screenshot({ path: join(SHOTS, 'export-options.png') });

    await page.reload();
    await poll(() => page.getByTestId('project-name').textContent()).toBe('short');
    expect(await marks.textContent()).toBe('In 00:00.40 · Out 00:01.60');
    await page.getByRole('tab', { name: 'Export' }).click();
    expect(await page.getByLabel('Original audio').inputValue()).toBe('ducked');
    expect(await page.getByLabel('Loudness').inputValue()).toBe('-23');
    expect(await page.getByLabel('Export In to Out').isChecked()).toBe(true);
    expect(await page.getByTestId('export-inout').textContent()).toContain('00:00.40 – 00:01.60');
    expect(await page.getByLabel('Subtitles file').isChecked()).toBe(true);
    expect(await page.getByLabel('Subtitle file type').inputValue()).toBe('vtt');

    // And the next export uses them: 1.2 s of video, a .vtt beside it.
    await page.getByLabel('Lip-sync').selectOption('none');
    await page.getByLabel('Replace existing files').check();
    await page.getByRole('button', { name: 'Queue export' }).click();
    await poll(() => state(), 60_000).toBe('Done');
    const out = join(work, 'exports', 'short_es.mp4');
    const video = (await ffprobeJson(out)).streams.find((st) => st.codec_type === 'video');
    expect(Number(video?.duration)).toBeCloseTo(1.2, 1);
    expect(readFileSync(join(work, 'exports', 'short_es.es.vtt'), 'utf8')).toMatch(/^WEBVTT/);
  });
});

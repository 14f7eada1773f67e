import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium, shot } from './support/browser';
import { removeDir, startBridge, tempDir, type RunningBridge } from './support/bridge';
import { ensureRendererBuilt } from './support/build-renderer';
import { makeSpanishDub, TALK3 } from './support/media';

/**
 * Subtitles → segments and the dub clip inspector, end to end (real renderer in Chromium, real
 * bridge and engine). Steps share one page and run in order; screenshots go to test-results/e2e/.
 */
const noChromium = !existsSync(CHROMIUM);

const SRT = `1
00:00:00,500 --> 00:00:01,500
Hola a todos.

2
00:00:01,400 --> 00:00:02,200
Hoy hablamos

3
00:00:02,600 --> 00:00:02,620
(a 20 ms typesetting cue: dropped)

4
00:00:03,000 --> 00:00:04,500
de banderas y de países.
`;

describe.skipIf(noChromium)('dub clips and subtitles (browser mode)', () => {
  let bridge: RunningBridge;
  let browser: Browser;
  let page: Page;
  let work: string;
  const failures: string[] = [];
  const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 50 });
  const segments = () => page.getByRole('button', { name: /^Segment \d+,/ });
  const segmentLabels = async () =>
    await segments().evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!.replace(/, \w+$/, '')));
  const spanishClip = () => page.getByRole('button', { name: /^Spanish clip 1,/ });
  const importSrt = async (path: string) => {
    await page.getByRole('button', { name: 'Import subtitles' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import subtitles' });
    await dialog.getByLabel('Subtitle file path (SRT or WebVTT)').fill(path);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  };
  const setField = async (label: string, value: string) => {
    const f = page.getByLabel(label);
    await f.fill(value);
    await f.press('Enter');
  };

  beforeAll(async () => {
    work = tempDir('redub-e2e-clips-');
    makeSpanishDub(work);
    const [b] = await Promise.all([launchChromium(), ensureRendererBuilt()]);
    browser = b;
    bridge = await startBridge();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => failures.push(e.message));
    page.on('response', (r) => r.status() >= 400 && failures.push(`${r.status()} ${r.url()}`));
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.stop();
    removeDir(bridge?.projectDir ?? '');
    removeDir(work ?? '');
  });

  it('opens talk3.mp4 with a Spanish dub (one whole-file clip)', async () => {
    await page.goto(bridge.server.launchUrl);
    await page.getByRole('button', { name: 'Open video' }).first().click();
    const open = page.getByRole('dialog', { name: 'Open video' });
    await open.getByLabel('Video file path').fill(TALK3);
    await open.getByRole('button', { name: 'Open', exact: true }).click();
    await poll(() => segments().count()).toBe(1);
    await page.getByRole('button', { name: 'Add dub track' }).click();
    const add = page.getByRole('dialog', { name: 'Add dub track' });
    await add.getByLabel('Language').selectOption('es');
    await add.getByLabel('Dub audio file path').fill(join(work, 'es.wav'));
    await add.getByRole('button', { name: 'Add dub' }).click();
    await poll(() => page.getByLabel('Spanish waveform').getAttribute('data-ready')).toBe('true');
    await poll(() => spanishClip().getAttribute('aria-label')).toBe('Spanish clip 1, starts at 0.00 s');
  });

  it('imports an SRT: one segment per cue, overlaps merged, a 20 ms cue dropped', async () => {
    const srt = join(work, 'talk3.es.srt');
    writeFileSync(srt, SRT);
    await importSrt(srt);
    await poll(() => segmentLabels()).toEqual(['Segment 1, 0.50 to 2.20 s', 'Segment 2, 3.00 to 4.50 s']);
    // Each segment keeps its cue's text (the two merged cues both), editable in the inspector.
    await page.getByRole('option', { name: 'Select segment 1' }).click();
    await poll(() => page.getByLabel('Segment text').inputValue()).toBe('Hola a todos.\nHoy hablamos');
    await shot(page, 'clips-01-subtitles-imported');
  });

  it('undoes the import in one step, and redoes it', async () => {
    await page.getByRole('button', { name: 'Undo' }).click();
    await poll(() => segmentLabels()).toEqual([expect.stringMatching(/^Segment 1, 0\.00 to 5\.\d\d s$/)]);
    await shot(page, 'clips-02-import-undone');
    await page.getByRole('button', { name: 'Redo' }).click();
    await poll(() => segments().count()).toBe(2);
  });

  it('names the file and line of a malformed SRT, and keeps the segments', async () => {
    const bad = join(work, 'broken.srt');
    writeFileSync(bad, '1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03,000 -> 00:00:04,000\nbroken arrow\n');
    await importSrt(bad);
    await poll(() => page.getByRole('alert').textContent()).toMatch(/broken\.srt: line 6: expected a cue timing/);
    await shot(page, 'clips-03-malformed-srt');
    await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
    expect(await segments().count()).toBe(2);
    expect(failures).toEqual([expect.stringMatching(/^400 .*\/api\/importSubtitles$/)]);
    failures.length = 0;
  });

  it('moves the Spanish clip and lowers its gain in the clip inspector', async () => {
    await spanishClip().click();
    const inspector = page.getByRole('form', { name: 'Clip inspector' });
    await poll(() => inspector.isVisible()).toBe(true);
    await setField('Offset (s)', '0.5');
    await poll(() => spanishClip().getAttribute('aria-label')).toBe('Spanish clip 1, starts at 0.50 s');
    await setField('Gain (dB)', '-6');
    await poll(() => page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toBe('Undo: Change Spanish clip gain (Ctrl+Z)');
    await inspector.getByLabel('Length mismatch').selectOption('pad');
    await poll(() => page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toBe('Undo: Change Spanish clip fit (Ctrl+Z)');
    await shot(page, 'clips-04-clip-inspector');
  });

  it('finds the clip edits after a reload', async () => {
    await page.reload();
    await poll(() => spanishClip().getAttribute('aria-label')).toBe('Spanish clip 1, starts at 0.50 s');
    await spanishClip().click();
    await poll(() => page.getByLabel('Offset (s)').inputValue()).toBe('0.5');
    expect(await page.getByLabel('Gain (dB)').inputValue()).toBe('-6');
    expect(await page.getByLabel('Length mismatch').inputValue()).toBe('pad');
    expect(await segments().count()).toBe(2);
    await shot(page, 'clips-05-reloaded');
    expect(failures).toEqual([]);
  });

  it('drags the clip right (one undo step), trims its head, and undoes both', async () => {
    const box = (await spanishClip().boundingBox())!;
    const pxPerSec = box.width / 3.75; // talk3's Spanish dub lasts ~3.75 s, untrimmed
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let dx = 10; dx <= 100; dx += 10) await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2);
    await page.mouse.up();
    await poll(async () => Number((await spanishClip().getAttribute('aria-label'))!.match(/at ([\d.]+) s/)![1])).toBeCloseTo(
      0.5 + 100 / pxPerSec,
      1,
    );
    expect(await page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toBe('Undo: Change Spanish clip offset (Ctrl+Z)');
    await setField('Trim head (s)', '1');
    await poll(async () => (await spanishClip().boundingBox())!.width).toBeLessThan(box.width - 0.9 * pxPerSec);
    await shot(page, 'clips-06-dragged-trimmed');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    await poll(() => spanishClip().getAttribute('aria-label')).toBe('Spanish clip 1, starts at 0.50 s');
    expect(failures).toEqual([]);
  });

  it('adds a second Spanish clip at the playhead, then deletes it', async () => {
    const field = page.getByLabel('Playhead time in seconds');
    await field.fill('4');
    await field.press('Enter');
    await page.getByRole('button', { name: 'Add Spanish clip at playhead' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add dub clip' });
    await dialog.getByLabel(/^Clip audio file path \(starts at 4\.00 s\)$/).fill(join(work, 'es.wav'));
    await dialog.getByRole('button', { name: 'Add clip' }).click();
    const second = page.getByRole('button', { name: /^Spanish clip 2,/ });
    await poll(() => second.getAttribute('aria-label')).toBe('Spanish clip 2, starts at 4.00 s');
    await second.click();
    await poll(() => page.getByRole('heading', { name: /Spanish clip 2/ }).isVisible()).toBe(true);
    await shot(page, 'clips-07-two-clips');
    await page.getByRole('button', { name: 'Delete clip' }).click();
    await poll(() => second.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toBe('Undo: Delete Spanish clip (Ctrl+Z)');
    expect(await spanishClip().count()).toBe(1);
    expect(failures).toEqual([]);
  });
});

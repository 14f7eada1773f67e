import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium, shot } from './support/browser';
import { removeDir, startBridge, tempDir, type RunningBridge } from './support/bridge';
import { ensureRendererBuilt } from './support/build-renderer';
import { makeSpanishDub, TALK3 } from './support/media';

/**
 * The timeline as an editor reads it: the video's end marked, a dub longer than the video shown as
 * a warning with the clip's mismatch mode right there. Real renderer in Chromium, real bridge.
 */
const noChromium = !existsSync(CHROMIUM);

const LONG_TEXT =
  'Hola a todos. Hoy hablamos de banderas y de países, de ciudades y de pueblos, de ríos y de montañas, ' +
  'y de todo lo que queda por decir cuando el vídeo ya ha terminado.';

function seconds(path: string): number {
  return Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path]).toString());
}

describe.skipIf(noChromium)('timeline marks (browser mode)', () => {
  let bridge: RunningBridge;
  let browser: Browser;
  let page: Page;
  let work: string;
  let longDub: string;
  let shortDub: string;
  let screenAtOpen: { x: number; y: number; width: number; height: number };
  const failures: string[] = [];
  const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 50 });
  const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;

  beforeAll(async () => {
    work = tempDir('redub-e2e-timeline-');
    longDub = join(work, 'es-long.wav');
    execFileSync('espeak-ng', ['-v', 'es', '-s', '140', '-w', longDub, LONG_TEXT]);
    shortDub = makeSpanishDub(work);
    const [b] = await Promise.all([launchChromium(), ensureRendererBuilt()]);
    browser = b;
    bridge = await startBridge();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => failures.push(e.message));
    page.on('response', async (r) => r.status() >= 400 && failures.push(`${r.status()} ${r.url()} ${await r.text().catch(() => '')}`));
  });

  const addDub = async (language: string, path: string, name: string, search?: string) => {
    await page.getByRole('button', { name: 'Add dub track' }).click();
    const add = page.getByRole('dialog', { name: 'Add dub track' });
    // A search by the language's own name picks it; otherwise pick it from the list.
    if (search) await add.getByLabel('Search by name or tag').fill(search);
    else await add.getByLabel('Language', { exact: true }).selectOption(language);
    expect(await add.getByLabel('Language', { exact: true }).inputValue()).toBe(language);
    await add.getByLabel('Dub audio file path').fill(path);
    await add.getByRole('button', { name: 'Add dub' }).click();
    await poll(() => page.getByLabel(`${name} waveform`).getAttribute('data-ready')).toBe('true');
  };
  const frameNo = () => page.getByTestId('frame-number').textContent();
  const playhead = async () => Number(await page.getByRole('slider', { name: 'Scrub' }).getAttribute('aria-valuenow'));
  const typeTime = async (t: string) => {
    const f = page.getByLabel('Playhead time in seconds');
    await f.fill(t);
    await f.press('Enter');
  };

  afterAll(async () => {
    await browser?.close();
    await bridge?.stop();
    removeDir(bridge?.projectDir ?? '');
    removeDir(work ?? '');
  });

  it('opens talk3.mp4 with a Spanish dub much longer than the video', async () => {
    await page.goto(bridge.server.launchUrl);
    await page.getByRole('button', { name: 'Open video' }).first().click();
    const open = page.getByRole('dialog', { name: 'Open video' });
    await open.getByLabel('Video file path').fill(TALK3);
    await open.getByRole('button', { name: 'Open', exact: true }).click();
    await poll(() => page.getByRole('button', { name: /^Segment \d+,/ }).count()).toBe(1);
    await poll(() => page.getByLabel('Original waveform').getAttribute('data-ready')).toBe('true');
    screenAtOpen = await box('.screen');
    await addDub('es', longDub, 'Spanish');
  });

  it('marks the video’s end and shows the long dub’s overrun as a warning with its mismatch mode', async () => {
    const video = seconds(TALK3);
    const dub = seconds(longDub);
    expect(dub - video).toBeGreaterThan(5);
    const warning = page.getByRole('group', { name: 'Spanish clip 1 is longer than the video' });
    await poll(() => warning.count()).toBe(1);
    expect(Number(await warning.getAttribute('data-over'))).toBeCloseTo(dub - video, 1);
    // The clip block is drawn as a warning, the overrun starts exactly at the end marker.
    expect(await page.getByRole('button', { name: /^Spanish clip 1,/ }).getAttribute('class')).toMatch(/\blong\b/);
    // Both ends measured from the ruler's 0: the marker sits at the video's end (its last frame's
    // end, 125 / 25 = 5.00 s), the hatched overrun from there to the dub's end.
    const ruler = await box('.ruler');
    const end = await box('.video-end');
    const over = await box('.long-dub');
    expect(Math.abs(over.x - end.x)).toBeLessThan(2);
    expect((end.x - ruler.x) / (over.x + over.width - ruler.x)).toBeCloseTo(5 / dub, 2);
    expect(await page.locator('.video-end-flag').getAttribute('title')).toMatch(/^The video ends at 00:05\.00:/);
    // The default (cut) says what is lost; the mode is chosen right there.
    expect(await warning.getAttribute('title')).toMatch(/past the video's end .*Cut: .*last \d+\.\d s are not heard/);
    const mode = page.getByLabel('When Spanish clip 1 is longer than the video');
    expect(await mode.inputValue()).toBe('cut');
    await mode.selectOption('stretch');
    await poll(() => warning.getAttribute('title')).toMatch(
      /Stretch: the whole dub plays \d\.\d\d× faster, pitch kept, to end with the video/,
    );
    await poll(() => page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toBe('Undo: Change Spanish clip fit (Ctrl+Z)');
    // The project has it: the clip inspector shows the same mode.
    await page.getByRole('button', { name: /^Spanish clip 1,/ }).click({ position: { x: 10, y: 10 } });
    await poll(() => page.getByRole('form', { name: 'Clip inspector' }).getByLabel('Length mismatch').inputValue()).toBe('stretch');
    await mode.hover();
    await shot(page, 'long-dub-warning');
    expect(failures).toEqual([]);
  });

  it('numbers frames 0 … n−1: the last of talk3’s 125 frames is F 124, also in the audio’s tail', async () => {
    await typeTime('0');
    await poll(() => frameNo()).toBe('F 0');
    await typeTime('4.95');
    await poll(() => frameNo()).toBe('F 123');
    // 5.0 s and the container's 5.04 s (the audio runs on) both show the last frame.
    await typeTime('5');
    await poll(() => frameNo()).toBe('F 124');
    await typeTime('5.039');
    await poll(() => frameNo()).toBe('F 124');
    // The monitor decodes that frame (there is no frame 125 to ask ffmpeg for).
    await poll(() => page.locator('.monitor .tag', { hasText: /^Frame \d+$/ }).textContent()).toBe('Frame 124');
    await page.getByRole('button', { name: 'Next frame' }).click();
    await poll(() => frameNo()).toBe('F 124');
    await poll(() => playhead()).toBeCloseTo(124 / 25, 2);
  });

  it('offers every language with a search by tag, English or own name', async () => {
    await page.getByRole('button', { name: 'Add dub track' }).click();
    const add = page.getByRole('dialog', { name: 'Add dub track' });
    const count = Number((await add.getByTestId('language-count').textContent())!.match(/of (\d+) languages/)![1]);
    expect(count).toBeGreaterThan(200);
    const search = add.getByLabel('Search by name or tag');
    const chosen = () => add.getByLabel('Language', { exact: true }).inputValue();
    await search.fill('swahili');
    expect(await chosen()).toBe('sw');
    expect(await add.getByTestId('language-count').textContent()).toBe(`1 of ${count} languages`);
    await search.fill('日本語');
    expect(await chosen()).toBe('ja');
    await search.fill('pt-br');
    expect(await chosen()).toBe('pt-BR');
    await search.fill('espanol');
    expect(await chosen()).toBe('es');
    await search.fill('klingonese');
    expect(await add.getByTestId('language-count').textContent()).toBe('No language matches.');
    await add.getByRole('button', { name: 'Cancel' }).click();
  });

  it('keeps the player’s size as tracks are added', async () => {
    await addDub('de', shortDub, 'German', 'deutsch');
    await addDub('fr', shortDub, 'French');
    const now = await box('.screen');
    expect(now).toEqual(screenAtOpen);
  });

  it('seeks on a click anywhere on a lane; only a click on the block selects it', async () => {
    await page.getByRole('button', { name: 'Close clip inspector' }).click();
    await page.locator('.track-scroll').evaluate((el) => (el.scrollLeft = 0));
    const lane = page.locator('.lane').nth(2); // Original, Spanish, German
    const ruler = await box('.ruler');
    const german = page.getByRole('button', { name: /^German clip 1,/ });
    const clip = (await german.boundingBox())!;
    expect(Math.abs(clip.x - ruler.x)).toBeLessThan(2);
    const pxPerSec = clip.width / seconds(shortDub);
    // Past the German clip's end (3.7 s): empty lane.
    const laneBox = (await lane.boundingBox())!;
    await page.mouse.click(ruler.x + 4.5 * pxPerSec, laneBox.y + laneBox.height / 2);
    await poll(() => playhead()).toBeCloseTo(4.5, 1);
    expect(await german.getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByRole('form', { name: 'Clip inspector' }).count()).toBe(0);
    // On the block: selected, and the playhead moves to the click too.
    await page.mouse.click(ruler.x + 1 * pxPerSec, laneBox.y + laneBox.height / 2);
    await poll(() => german.getAttribute('aria-pressed')).toBe('true');
    await poll(() => playhead()).toBeCloseTo(1, 1);
    // The Original lane seeks too.
    const source = (await page.locator('.lane').nth(0).boundingBox())!;
    await page.mouse.click(ruler.x + 2 * pxPerSec, source.y + source.height - 4);
    await poll(() => playhead()).toBeCloseTo(2, 1);
    expect(failures, failures.join('\n')).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium, shot } from './support/browser';
import { removeDir, startBridge, tempDir, type RunningBridge } from './support/bridge';
import { ensureRendererBuilt } from './support/build-renderer';
import { makeSpanishDub, TALK3 } from './support/media';
import { frameDiff, regionDiff } from './support/pixels';

/**
 * Every language previewable: talk3 with a Spanish and a German dub (espeak-ng, different
 * sentences). At 3.6 s the Spanish dub is silent (it ends at 3.3 s) while the German one is
 * still speaking, so the German lip-synced frame must differ from the Spanish one there, and
 * from the original. The B monitor's picker is the only thing that changes between them.
 */
const noChromium = !existsSync(CHROMIUM);
const AT = 3.6;
const GERMAN = 'Guten Morgen. Willkommen zu unserer kleinen Sendung über Musik.';

describe.skipIf(noChromium)('B monitor language (browser mode)', () => {
  let bridge: RunningBridge;
  let browser: Browser;
  let page: Page;
  let work: string;
  const failures: string[] = [];
  const poll = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });
  const frame = () => page.getByRole('img', { name: /^Preview frame at/ });
  const picker = () => page.getByLabel('B monitor language');
  /** The frame the monitor shows once the engine's answer for `language` is in. */
  const shownFrame = async (language: string) => {
    await picker().selectOption(language);
    await poll(() => page.getByRole('button', { name: 'Monitor dub' }).textContent()).toBe(`B · ${language.toUpperCase()}`);
    await poll(() => frame().getAttribute('data-language'), 90_000).toBe(language);
    await poll(() => frame().getAttribute('data-lipsync-status'), 90_000).toBe('ready');
    return { src: (await frame().getAttribute('src'))!, original: (await frame().getAttribute('data-original-src'))! };
  };

  beforeAll(async () => {
    work = tempDir('redub-e2e-monitor-');
    const de = join(work, 'de.wav');
    execFileSync('espeak-ng', ['-v', 'de', '-s', '150', '-w', de], { input: GERMAN });
    const [b] = await Promise.all([launchChromium(), ensureRendererBuilt()]);
    browser = b;
    bridge = await startBridge();
    const view = await bridge.server.api.openVideo({ path: TALK3 });
    await bridge.server.api.addDubTrack({ projectId: view.id, language: 'es', audioPath: makeSpanishDub(work) });
    await bridge.server.api.addDubTrack({ projectId: view.id, language: 'de', audioPath: de });
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

  it('shows German lip-synced on B where German speech differs from Spanish', async () => {
    await page.goto(bridge.server.launchUrl);
    await page.getByRole('button', { name: 'Reopen talk3' }).click();
    await poll(() => page.getByLabel('German waveform').getAttribute('data-ready')).toBe('true');
    const field = page.getByLabel('Playhead time in seconds');
    await field.fill(String(AT));
    await field.press('Enter');
    const spanish = await shownFrame('es');
    await shot(page, 'monitor-b-spanish');
    const german = await shownFrame('de');
    expect(await frame().getAttribute('data-frame-index')).toBe(String(Math.round(AT * 25)));
    expect(await page.getByRole('status').textContent()).toMatch(/^Lip-synced · \d+ ms$/);
    const box = (await frame().getAttribute('data-mouth-box'))!.split(',').map(Number);
    const vsSpanish = await frameDiff(page, spanish.src, german.src, box);
    const vsOriginal = await frameDiff(page, german.original, german.src, box);
    // The mouths differ (silence vs speech), the rest of the picture does not.
    expect(vsSpanish.inside).toBeGreaterThan(2);
    expect(vsSpanish.inside).toBeGreaterThan(3 * vsSpanish.outside);
    expect(vsOriginal.inside).toBeGreaterThan(2);
    await shot(page, 'monitor-b-german');
    expect(failures).toEqual([]);
  });

  it('wipes A against B on the same frame, the divider moved by keyboard and by drag', async () => {
    await page.getByRole('button', { name: 'Monitor wipe' }).click();
    const original = page.getByRole('img', { name: /^Original frame at/ });
    const divider = page.getByRole('slider', { name: 'Wipe divider' });
    const clip = () => frame().evaluate((img) => getComputedStyle(img).clipPath);
    // The B view's own frame (German, lip-synced) over the A view's original of the same frame number.
    await poll(() => original.getAttribute('data-frame-index')).toBe(String(Math.round(AT * 25)));
    expect(await frame().getAttribute('data-frame-index')).toBe(String(Math.round(AT * 25)));
    expect(await frame().getAttribute('data-language')).toBe('de');
    expect(await original.getAttribute('src')).toBe(await frame().getAttribute('data-original-src'));
    expect(await original.getAttribute('src')).not.toBe(await frame().getAttribute('src'));
    expect(await page.getByText('B · DE', { exact: true }).count()).toBe(2); // the toggle and the right-hand label
    expect(await divider.getAttribute('aria-valuenow')).toBe('50');
    expect(await clip()).toBe('inset(0px 0px 0px 50%)');

    // Arrows move the divider, not the playhead.
    await divider.focus();
    await divider.press('ArrowRight');
    await divider.press('ArrowRight');
    await poll(() => divider.getAttribute('aria-valuenow')).toBe('60');
    expect(await clip()).toBe('inset(0px 0px 0px 60%)');
    expect(await page.getByTestId('frame-number').textContent()).toBe(`F ${Math.round(AT * 25)}`);

    // Dragged through the middle of the mouth: its left half original, its right half German.
    const [x, , w] = (await frame().getAttribute('data-mouth-box'))!.split(',').map(Number);
    const width = await frame().evaluate((img: HTMLImageElement) => img.naturalWidth);
    const screen = (await frame().boundingBox())!;
    const at = (x! + w! / 2) / width;
    const handle = (await divider.boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(screen.x + at * screen.width, handle.y + handle.height / 2, { steps: 5 });
    await page.mouse.up();
    // Within a pixel of the mouth's middle (the mouse moves in whole pixels).
    await poll(async () => Math.abs(Number(await divider.getAttribute('aria-valuenow')) - at * 100) <= 1).toBe(true);
    expect(Number(/([\d.]+)%\)$/.exec(await clip())![1])).toBeCloseTo(at * 100, 0);
    await shot(page, 'monitor-wipe');

    // What is on screen, without the divider and labels: left of the divider the original's mouth, right of it German's.
    await page.addStyleTag({ content: '.wipe-layer, .monitor-tags, .lipsync-badge { visibility: hidden; }' });
    const png = await page.screenshot({ clip: screen });
    const onScreen = png.toString('base64');
    const cut = Math.round(at * width);
    const [, y, , h] = (await frame().getAttribute('data-mouth-box'))!.split(',').map(Number);
    const left = [x!, y!, cut - 3 - x!, h!];
    const right = [cut + 3, y!, x! + w! - cut - 3, h!];
    const german = (await frame().getAttribute('src'))!;
    const originalSrc = (await original.getAttribute('src'))!;
    const sides = {
      left: { original: await regionDiff(page, onScreen, originalSrc, left), german: await regionDiff(page, onScreen, german, left) },
      right: { original: await regionDiff(page, onScreen, originalSrc, right), german: await regionDiff(page, onScreen, german, right) },
    };
    console.log('monitor-wipe: mean RGB difference of the screen to each frame, per side of the mouth', JSON.stringify(sides));
    expect(sides.left.original).toBeLessThan(sides.left.german);
    expect(sides.right.german).toBeLessThan(sides.right.original);
    expect(failures).toEqual([]);
  });
});

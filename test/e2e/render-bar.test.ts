import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpeg, sharedMedia } from '../helpers/media';
import { CHROMIUM, launchChromium, shot } from './support/browser';
import { removeDir, startBridge, type RunningBridge } from './support/bridge';
import { ensureRendererBuilt } from './support/build-renderer';

/**
 * Lip-synced playback the NLE way, in the real editor: Render In to Out (Enter) makes the export's
 * chunks, the render bar shows them (rendered, then stale after an edit), and playback in B shows
 * the rendered frames with a badge that says so.
 */
const noChromium = !existsSync(CHROMIUM);
if (noChromium) console.warn(`render-bar.test.ts: skipped — ${CHROMIUM} is not installed`);

const TALK3 = sharedMedia('talk3.mp4');
const W = 590;
const H = 590;

/** RGBA frames [from, to] of a video, decoded by ffmpeg. */
async function framesOf(path: string, from: number, to: number): Promise<Buffer[]> {
  const raw = await ffmpeg([
    '-i',
    path,
    '-vf',
    `select=between(n\\,${from}\\,${to})`,
    '-fps_mode',
    'passthrough',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgba',
    'pipe:1',
  ]);
  const size = W * H * 4;
  return Array.from({ length: raw.length / size }, (_, i) => raw.subarray(i * size, (i + 1) * size));
}

/** Mean absolute RGB difference over the pixels in `mask`. */
function diffIn(a: Uint8Array, b: Uint8Array, mask: number[]): number {
  let sum = 0;
  for (const p of mask) sum += (Math.abs(a[p] - b[p]) + Math.abs(a[p + 1] - b[p + 1]) + Math.abs(a[p + 2] - b[p + 2])) / 3;
  return sum / mask.length;
}

describe.skipIf(noChromium)('render bar and rendered playback (browser mode)', () => {
  let bridge: RunningBridge;
  let browser: Browser;
  let page: Page;
  let projectId = '';
  const poll = <T>(fn: () => Promise<T> | T, timeout = 60_000) => expect.poll(fn, { timeout, interval: 100 });
  const chunkStates = () => page.locator('.render-chunk[data-state]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
  const seekTo = async (t: number) => {
    const field = page.getByLabel('Playhead time in seconds');
    await field.fill(String(t));
    await field.press('Enter');
  };

  beforeAll(async () => {
    const [b] = await Promise.all([launchChromium(), ensureRendererBuilt()]);
    browser = b;
    bridge = await startBridge(undefined, undefined, { backgroundRender: true });
    // A project with a Spanish dub, split at 3.0 s; the first segment smiles (so its rendered
    // frames differ visibly from the original everywhere in 0–3 s).
    const api = bridge.server.api;
    const opened = await api.openVideo({ path: TALK3 });
    const p = await api.addDubTrack({ projectId: opened.id, language: 'es', audioPath: sharedMedia('speech1.wav') });
    const split = await api.splitSegment({ segmentId: p.segments[0].id, time: 3 });
    await api.updateSegment({ segmentId: split.segments[0].id, patch: { emotionTemplate: 'smile', intensity: 1 } });
    projectId = p.id;
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.stop();
    removeDir(bridge?.projectDir ?? '');
  });

  it('renders In to Out with Enter into the export chunks, and the bar shows them', async () => {
    await page.goto(bridge.server.launchUrl);
    await page.getByRole('button', { name: 'Reopen talk3' }).click();
    await poll(() => page.getByTestId('project-name').textContent()).toBe('talk3');
    // Only the explicit render here: the background one would re-render what the edit below makes stale.
    await page.getByLabel('Auto-render').uncheck();
    await page.getByRole('button', { name: 'Monitor dub' }).click();
    await poll(chunkStates).toEqual(['none', 'none', 'none']);
    await seekTo(0);
    await page.locator('body').press('i');
    await seekTo(3.9);
    await page.locator('body').press('o');
    await page.locator('body').press('Enter');
    await poll(() => page.getByTestId('render-status').textContent()).toMatch(/^Rendering 00:00\.00 – 00:02\.00/);
    await poll(chunkStates, 300_000).toEqual(['rendered', 'rendered', 'none']);
    await poll(() => page.getByTestId('render-status').textContent()).toBe('es: 2 of 3 chunks rendered');
    // The In–Out render is over (an edit now would otherwise be rendered again at once).
    await poll(() => page.getByTestId('render-status').getAttribute('data-mode')).toBe('idle');
    const work = join(
      bridge.projectDir,
      readdirSync(bridge.projectDir).find((n) => n.endsWith('.work'))!,
      'es.mp4',
    );
    // Content-addressed chunk files, named with the frames they cover.
    const names = readdirSync(work).filter((n) => n.startsWith('chunk-'));
    expect(names.every((n) => /^chunk-[0-9a-f]{24}-\d+-\d+\.mp4$/.test(n))).toBe(true);
    expect(names.map((n) => n.replace(/^chunk-[0-9a-f]+-/, '')).sort()).toEqual(['0-50.mp4', '50-100.mp4']);
    // The segment's render state follows the chunks (0–3 s lies in the two rendered ones).
    await page.getByRole('button', { name: /^Segment 1,/ }).click();
    await poll(() => page.locator('.revision .badge').textContent()).toBe('Rendered (ES)');
  }, 360_000);

  it('plays the rendered frames over the rendered chunks, with a badge that says so', async () => {
    await seekTo(0);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    // Playback goes on in rendered frames across the chunk border (2.0 s) into the second chunk. The
    // page itself samples time and badge every frame (a poll from here, under load, can miss the
    // whole 2–4 s stretch); the wait is for playback to pass 2.2 s, however long that takes.
    await page.evaluate(() => {
      const w = window as unknown as { badgeSamples: { t: number; badge: string }[] };
      w.badgeSamples = [];
      const sample = () => {
        const t = document.querySelector('video')!.currentTime;
        w.badgeSamples.push({ t, badge: document.querySelector('.lipsync-badge')?.textContent ?? '' });
        if (t < 4 && w.badgeSamples.length < 100_000) requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    await page.keyboard.press(' ');
    const badge = page.locator('.lipsync-badge');
    await poll(() => badge.textContent(), 60_000).toBe('Lip-synced · rendered');
    // The frame on screen now: the showing rendered element's picture and its time.
    const seen = await page.evaluate(() => {
      const v = document.querySelector<HTMLVideoElement>('video.rendered-video.showing');
      if (!v) return null;
      const c = document.createElement('canvas');
      c.width = v.videoWidth;
      c.height = v.videoHeight;
      const g = c.getContext('2d')!;
      g.drawImage(v, 0, 0);
      const t = v.currentTime;
      const bytes = g.getImageData(0, 0, c.width, c.height).data;
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { t, start: Number(v.dataset.start), playing: !v.paused, w: c.width, h: c.height, rgba: btoa(s) };
    });
    await shot(page, 'playback-rendered');
    const samples = () => page.evaluate(() => (window as unknown as { badgeSamples: { t: number; badge: string }[] }).badgeSamples);
    await poll(async () => (await samples()).some((x) => x.t > 2.2), 60_000).toBe(true);
    const inSecond = (await samples()).filter((x) => x.t > 2.2 && x.t < 4);
    expect(inSecond.length).toBeGreaterThan(0);
    expect(inSecond.some((x) => x.badge === 'Lip-synced · rendered')).toBe(true);
    // Stopped before the edit below, unless playback already reached the end on its own.
    const pause = page.getByRole('button', { name: 'Pause', exact: true });
    if ((await pause.count()) > 0) await pause.click();
    expect(seen).not.toBeNull();
    expect(seen!).toMatchObject({ start: 0, playing: true, w: W, h: H });
    const shown = new Uint8Array(Buffer.from(seen!.rgba, 'base64'));
    // The frame it shows, give or take one (the picture and currentTime are read a moment apart).
    const k = Math.min(49, Math.max(1, Math.floor(seen!.t * 25)));
    const work = join(
      bridge.projectDir,
      readdirSync(bridge.projectDir).find((n) => n.endsWith('.work'))!,
      'es.mp4',
    );
    const chunk = join(
      work,
      readdirSync(work).find((n) => n.endsWith('-0-50.mp4'))!,
    );
    const rendered = await framesOf(chunk, k - 1, k + 1);
    const original = await framesOf(TALK3, k - 1, k + 1);
    // Where the render changed the picture (the smiling, lip-synced lower face).
    const mask: number[] = [];
    for (let p = 0; p < W * H * 4; p += 4) {
      const d =
        (Math.abs(rendered[1][p] - original[1][p]) +
          Math.abs(rendered[1][p + 1] - original[1][p + 1]) +
          Math.abs(rendered[1][p + 2] - original[1][p + 2])) /
        3;
      if (d > 15) mask.push(p);
    }
    expect(mask.length).toBeGreaterThan(500);
    const toRendered = Math.min(...rendered.map((f) => diffIn(shown, f, mask)));
    const toOriginal = Math.min(...original.map((f) => diffIn(shown, f, mask)));
    console.log(
      `frame ${k} at ${seen!.t.toFixed(3)} s: ${mask.length} changed px; shown vs rendered ${toRendered.toFixed(2)}, vs original ${toOriginal.toFixed(2)}`,
    );
    expect(toRendered).toBeLessThan(toOriginal / 3);
    expect(projectId).not.toBe('');
  }, 240_000);
  it('plays the A|B wipe: the rendered chunk on the right of the divider, the source on the left', async () => {
    await seekTo(0);
    await page.getByRole('button', { name: 'Monitor wipe' }).click();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(' ');
    const showing = page.locator('video.rendered-video.showing');
    await poll(() => showing.count(), 60_000).toBe(1);
    expect(await showing.evaluate((v) => getComputedStyle(v).clipPath)).toBe('inset(0px 0px 0px 50%)');
    await shot(page, 'monitor-wipe-playing');
    const pause = page.getByRole('button', { name: 'Pause', exact: true });
    if ((await pause.count()) > 0) await pause.click();
    await page.getByRole('button', { name: 'Monitor dub' }).click();
  }, 120_000);
  it('an edit inside the second chunk makes it stale; the first stays rendered', async () => {
    await page.getByRole('button', { name: /^Segment 2,/ }).click();
    await page.getByLabel('Emotion template').selectOption('surprised');
    await poll(chunkStates).toEqual(['rendered', 'stale', 'none']);
    await poll(() => page.locator('.revision .badge').textContent()).toBe('Stale — edited since its ES render');
    await poll(() => page.getByTestId('render-status').textContent()).toBe('es: 1 of 3 chunks rendered · 1 stale');
    await shot(page, 'render-bar');
  }, 240_000);
});

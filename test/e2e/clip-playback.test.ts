import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedMedia } from '../helpers/media';
import { CHROMIUM, launchChromium } from './support/browser';
import { removeDir, startBridge, type RunningBridge } from './support/bridge';
import { ensureRendererBuilt } from './support/build-renderer';

/**
 * Preview playback of a language made of several clips: each sounds only in its slot, from its
 * head trim to its tail trim, in step with the picture (the export mixes them the same way).
 */
const noChromium = !existsSync(CHROMIUM);
if (noChromium) console.warn(`clip-playback.test.ts: skipped — ${CHROMIUM} is not installed`);

interface Sample {
  t: number;
  clips: { start: number; paused: boolean; time: number }[];
}

describe.skipIf(noChromium)('playback of every clip with its trims (browser mode)', () => {
  let bridge: RunningBridge;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const [b] = await Promise.all([launchChromium(), ensureRendererBuilt()]);
    browser = b;
    bridge = await startBridge();
    const api = bridge.server.api;
    const opened = await api.openVideo({ path: sharedMedia('talk3.mp4') });
    // Clip 1: speech1 at 0 s, its last 2.5 s cut (sounds 0 – 2.52 s). Clip 2: speech2 at 3 s,
    // its first second cut (media 1.0 s plays at 3.0 s).
    const p = await api.addDubTrack({ projectId: opened.id, language: 'es', audioPath: sharedMedia('speech1.wav') });
    const track = p.dubTracks[0];
    await api.updateDubClip({ clipId: track.clips[0].id, patch: { trimEnd: 2.5 } });
    const two = await api.addDubClip({ trackId: track.id, audioPath: sharedMedia('speech2.wav'), start: 3 });
    await api.updateDubClip({ clipId: two.dubTracks[0].clips[1].id, patch: { trimStart: 1, start: 3 } });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.stop();
    removeDir(bridge?.projectDir ?? '');
  });

  it('plays clip 1 until its tail trim, then clip 2 from its head trim at its start', async () => {
    await page.goto(bridge.server.launchUrl);
    await page.getByRole('button', { name: 'Reopen talk3' }).click();
    await expect.poll(() => page.locator('audio').count(), { timeout: 15_000 }).toBe(2);
    await page.getByRole('button', { name: 'Monitor dub' }).click();
    const field = page.getByLabel('Playhead time in seconds');
    await field.fill('1');
    await field.press('Enter');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(' ');
    // Sampled in the page on every animation frame (a round trip per sample is too slow on a busy machine).
    const samples: Sample[] = await page.evaluate(
      () =>
        new Promise<Sample[]>((resolve) => {
          const out: Sample[] = [];
          const started = performance.now();
          const tick = () => {
            const t = document.querySelector('video')!.currentTime;
            const clips = [...document.querySelectorAll('audio')].map((a) => ({
              start: Number(a.dataset.clipStart),
              paused: a.paused,
              time: a.currentTime,
            }));
            out.push({ t, clips });
            if (t >= 4.3 || performance.now() - started > 20_000) resolve(out);
            else requestAnimationFrame(tick);
          };
          tick();
        }),
    );
    await page.keyboard.press('k');
    console.log(`${samples.length} samples from ${samples[0].t.toFixed(2)} to ${samples.at(-1)!.t.toFixed(2)} s`);
    const during = (from: number, to: number) => samples.filter((s) => s.t > from && s.t < to);
    // Clip 1 sounds in step inside its slot…
    const one = during(1.3, 2.3);
    expect(one.length).toBeGreaterThan(0);
    for (const s of one) {
      expect(s.clips[0].paused).toBe(false);
      expect(Math.abs(s.clips[0].time - s.t)).toBeLessThan(0.3);
      expect(s.clips[1].paused).toBe(true);
    }
    // …is silent after its tail trim (2.52 s), and so is clip 2 before its start…
    const gap = during(2.7, 2.95);
    expect(gap.length).toBeGreaterThan(0);
    for (const s of gap) expect(s.clips.map((c) => c.paused)).toEqual([true, true]);
    // …then clip 2 plays its media from the head trim: media time = t − 3 + 1.
    const two = during(3.25, 4.3);
    expect(two.length).toBeGreaterThan(0);
    for (const s of two) {
      expect(s.clips[0].paused).toBe(true);
      expect(s.clips[1].paused).toBe(false);
      expect(Math.abs(s.clips[1].time - (s.t - 2))).toBeLessThan(0.3);
    }
  }, 90_000);
});

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium } from './support/browser';
import { removeDir, startBridge, tempDir, useEngineDirs, type RunningBridge } from './support/bridge';
import { ensureRendererBuilt } from './support/build-renderer';
import { makeSpanishDub, talk3Cut } from './support/media';

/**
 * The editor's bank race, as the user met it: on a fresh cache, a dub is added (the preview
 * warm-up starts analysing the face and building the mouth bank) and an export is queued at once.
 * Both need the same bank: they must share one build, and the export must finish (it failed with
 * ENOENT renaming "<bank>.partial-NNNN"). Real renderer, bridge, engine, face models.
 */
const noChromium = !existsSync(CHROMIUM);

describe.skipIf(noChromium)('bank race: export queued while the preview warms up (browser mode)', () => {
  let bridge: RunningBridge;
  let browser: Browser;
  let page: Page;
  let work: string;
  let video: string;
  let dubWav: string;
  let banks: string;
  const job = () => page.getByRole('listitem', { name: 'Export es mp4' });
  const bankFiles = () => (existsSync(banks) ? readdirSync(banks) : []);

  beforeAll(async () => {
    work = tempDir('redub-e2e-bank-race-');
    dubWav = makeSpanishDub(work);
    // Three seconds of talk3: enough face for the built-in lip-sync (2 s), quick to export.
    video = talk3Cut(work, 'race.mp4', 3);
    const [b] = await Promise.all([launchChromium(), ensureRendererBuilt()]);
    browser = b;
    bridge = await startBridge();
    banks = join(useEngineDirs().cacheDir, 'mouth-banks');
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.stop();
    removeDir(bridge?.projectDir ?? '');
    removeDir(work ?? '');
  });

  it('exports with lip-sync when queued right after adding the dub, sharing one bank build', async () => {
    expect(bankFiles().filter((n) => n.endsWith('.bank'))).toEqual([]);
    await page.goto(bridge.server.launchUrl);
    await page.getByRole('button', { name: 'Open video' }).first().click();
    await page.getByRole('dialog', { name: 'Open video' }).getByLabel('Video file path').fill(video);
    await page.getByRole('dialog', { name: 'Open video' }).getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByTestId('project-name').textContent(), { timeout: 20_000 }).toBe('race');
    // The export set up first, so that it is queued the moment the dub is in.
    await page.getByRole('tab', { name: 'Export' }).click();
    expect(await page.getByLabel('Lip-sync').inputValue()).toBe('builtin');
    await page.getByLabel('Output folder').fill(work);
    await page.getByRole('button', { name: 'Add dub track' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add dub track' });
    await dialog.getByLabel('Language').selectOption('es');
    await dialog.getByLabel('Dub audio file path').fill(dubWav);
    await dialog.getByRole('button', { name: 'Add dub' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Queue export' }).isEnabled(), { timeout: 20_000 }).toBe(true);
    await page.getByRole('button', { name: 'Queue export' }).click();
    // Queued while the warm-up was still building: no bank existed yet.
    expect(bankFiles().filter((n) => n.endsWith('.bank'))).toEqual([]);
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          const s = (await job().getByTestId('job-state').textContent()) ?? '';
          seen.add(s);
          return s;
        },
        { timeout: 240_000, interval: 100 },
      )
      .toMatch(/^(Done|Failed)$/);
    expect(await job().getByRole('alert').count()).toBe(0);
    expect(await job().getByTestId('job-state').textContent()).toBe('Done');
    expect(statSync(join(work, 'race_es.mp4')).size).toBeGreaterThan(10_000);
    // The job said what it was doing before its frames flowed.
    expect([...seen].some((s) => /^(Analysing faces|Building bank)$/.test(s))).toBe(true);
    // One bank, nothing half-made: no partials, no locks.
    expect(bankFiles().filter((n) => n.endsWith('.bank'))).toHaveLength(1);
    expect(bankFiles().filter((n) => !n.endsWith('.bank'))).toEqual([]);
  }, 300_000);
});

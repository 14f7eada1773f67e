import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameDiff as framePixelDiff } from './support/pixels';
import { CHROMIUM, launchChromium, shot } from './support/browser';
import { crc32 } from '../../main/engine/models/hash';
import { startFileServer, type FileServer } from '../engine/models/http-fixture';
import { wav2lipFixture } from '../helpers/onnx-fixtures';
import { removeDir, startBridge, tempDir, useEngineDirs, type RunningBridge } from './support/bridge';
import { ensureRendererBuilt } from './support/build-renderer';
import { makeSpanishDub, TALK3 } from './support/media';

/**
 * The editor's first slice, end to end: the real renderer (built with vite) in Debian's
 * Chromium, the real bridge server and engine (ffmpeg), a fresh project dir.
 * Steps share one page and run in order; each leaves a screenshot in test-results/e2e/.
 */
const noChromium = !existsSync(CHROMIUM);
if (noChromium) console.warn(`editor.test.ts: skipped — ${CHROMIUM} is not installed (apt-get install chromium)`);

describe.skipIf(noChromium)('editor (browser mode)', () => {
  let bridge: RunningBridge;
  let browser: Browser;
  let page: Page;
  let work: string;
  let dubWav: string;
  let models: FileServer;
  const consoleErrors: string[] = [];

  // Engine calls (ffmpeg) take a few hundred ms on two cores: poll patiently.
  const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 50 });
  const segmentButton = (n: number) => page.getByRole('button', { name: new RegExp(`^Segment ${n},`) });
  const emotion = () => page.getByLabel('Emotion template');
  /** Waits until the monitor shows the engine's frame for the playhead (a stable picture for screenshots). */
  const previewShown = () => poll(() => page.getByRole('img', { name: /^Preview frame at/ }).count()).toBe(1);
  const frameNumber = () => page.getByTestId('frame-number').textContent();
  const editedFrame = () => page.getByRole('img', { name: /\(lip-synced\)$/ });
  /**
   * Mean absolute RGB difference of two served frames, inside the lower-face box the engine
   * reported and outside it (JPEG vs PNG differ a little everywhere; lip-sync only inside).
   */
  const frameDiff = (a: string, b: string, box: number[]) => framePixelDiff(page, a, b, box);
  const mouthBox = async () => (await editedFrame().getAttribute('data-mouth-box'))!.split(',').map(Number);
  let neutralAt3 = '';
  const seekTo = async (t: number) => {
    const field = page.getByLabel('Playhead time in seconds');
    await field.fill(String(t));
    await field.press('Enter');
  };

  beforeAll(async () => {
    work = tempDir('redub-e2e-media-');
    dubWav = makeSpanishDub(work);
    const [b, m] = await Promise.all([launchChromium(), startFileServer(), ensureRendererBuilt()]);
    models = m;
    browser = b;
    bridge = await startBridge();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('response', (r) => r.status() >= 400 && consoleErrors.push(`${r.status()} ${r.url()}`));
  });

  afterAll(async () => {
    await browser?.close();
    await models?.close();
    delete process.env.REDUB_MODELS_URL;
    await bridge?.stop();
    removeDir(bridge?.projectDir ?? '');
    removeDir(work ?? '');
  });

  it('opens on the welcome screen with the token from the launch URL', async () => {
    await page.goto(bridge.server.launchUrl);
    // The token moved from the query to the fragment (and into an HttpOnly cookie).
    expect(page.url()).not.toContain('?token=');
    expect(page.url()).toContain('#token=');
    await poll(() => page.getByRole('heading', { name: 'Dub a video' }).isVisible()).toBe(true);
    await shot(page, '01-welcome');
  });

  it('says clearly when a typed path is not a video it can open', async () => {
    await page.getByRole('button', { name: 'Open video' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Open video' });
    await dialog.getByLabel('Video file path').fill('/nowhere/missing.mp4');
    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    await poll(() => page.getByRole('alert').textContent()).toMatch(/\/nowhere\/missing\.mp4: file not found/);
    await shot(page, '01b-error');
    await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
    // That 422 was the point of this step; from here on, any failed request is a bug.
    expect(consoleErrors).toEqual([expect.stringMatching(/^422 .*\/api\/openVideo$/)]);
    consoleErrors.length = 0;
  });

  it('opens talk3.mp4 through the typed-path dialog', async () => {
    await page.getByRole('button', { name: 'Open video' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Open video' });
    await dialog.getByLabel('Video file path').fill(TALK3);
    await shot(page, '02-open-dialog');
    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    await poll(() => page.getByTestId('project-name').textContent()).toBe('talk3');
    await poll(() => segmentButton(1).count()).toBe(1);
    await poll(() => page.getByLabel('Original waveform').getAttribute('data-ready')).toBe('true');
    await shot(page, '03-project-open');
  });

  it('adds a Spanish dub track', async () => {
    await page.getByRole('button', { name: 'Add dub track' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add dub track' });
    await dialog.getByLabel('Language').selectOption('es');
    await dialog.getByLabel('Dub audio file path').fill(dubWav);
    await dialog.getByRole('button', { name: 'Add dub' }).click();
    await poll(() => page.getByLabel('Spanish waveform').getAttribute('data-ready')).toBe('true');
    await poll(() => page.getByRole('button', { name: 'Monitor dub' }).isEnabled()).toBe(true);
    await shot(page, '04-dub-added');
  });

  it('splits the segment at 2.5 s with the S key', async () => {
    await seekTo(2.5);
    await page.locator('body').press('s');
    await poll(() => segmentButton(2).count()).toBe(1);
    await poll(() => segmentButton(1).getAttribute('aria-label')).toMatch(/0\.00 to 2\.50 s/);
    await poll(() => segmentButton(2).getAttribute('aria-label')).toMatch(/2\.50 to 5\.\d\d s/);
    await previewShown();
    await shot(page, '05-split');
  });

  it('shows the lip-synced frame at 2.0 s in B: the mouth differs from the original, the rest does not', async () => {
    await page.getByRole('button', { name: 'Monitor dub' }).click();
    await seekTo(2.0);
    // Original at once, then the engine's frame (face track, plan and mouth bank were started
    // when the dub was added, so this is one decode and one composite once they exist).
    await expect.poll(() => editedFrame().count(), { timeout: 60_000, interval: 100 }).toBe(1);
    expect(await editedFrame().getAttribute('data-frame-index')).toBe('50');
    await poll(() => page.getByRole('status').textContent()).toMatch(/^Lip-synced · \d+ ms$/);
    const box = await mouthBox();
    expect(box[2]).toBeGreaterThan(40);
    const diff = await frameDiff((await editedFrame().getAttribute('data-original-src'))!, (await editedFrame().getAttribute('src'))!, box);
    expect(diff.inside).toBeGreaterThan(2);
    expect(diff.inside).toBeGreaterThan(3 * diff.outside);
    await shot(page, '06a-lipsync-2s');
    // The neutral edited frame at 3.0 s (segment 2), to compare with the smile below.
    await seekTo(3.0);
    await poll(() => editedFrame().getAttribute('data-frame-index')).toBe('75');
    neutralAt3 = (await editedFrame().getAttribute('src'))!;
  });

  it('sets the smile template on the second segment, and the edited frame smiles', async () => {
    await segmentButton(2).click();
    await poll(() => page.getByRole('heading', { name: 'Segment 2' }).isVisible()).toBe(true);
    await emotion().selectOption('smile');
    await poll(() => segmentButton(2).getAttribute('aria-label')).toMatch(/Smile$/);
    await poll(() => page.getByTestId('segment-revision').textContent()).toBe('Revision 2');
    // Clicking the region moved the playhead: back to 3.0 s, the frame rendered neutral above.
    await seekTo(3.0);
    await poll(() => editedFrame().getAttribute('data-frame-index')).toBe('75');
    await poll(() => editedFrame().getAttribute('data-expression')).toBe('true');
    const smiling = (await editedFrame().getAttribute('src'))!;
    expect(smiling).not.toBe(neutralAt3);
    const face = await mouthBox();
    const diff = await frameDiff(neutralAt3, smiling, face);
    expect(diff.inside).toBeGreaterThan(1);
    await poll(() => page.getByRole('status').textContent()).toMatch(/\+ emotion · \d+ ms$/);
    await shot(page, '06-smile');
    // One key press on the slider is one edit (committed on key-up), not a stream of them.
    await page.getByLabel('Intensity').focus();
    await page.keyboard.press('ArrowLeft');
    await poll(() => page.getByTestId('segment-revision').textContent()).toBe('Revision 3');
    await poll(() => page.getByLabel('Intensity').inputValue()).toBe('0.95');
  });

  it('scrubs back to 2.0 s: original frame at once, the lip-synced one replaces it', async () => {
    await seekTo(2.0);
    const frame = page.getByRole('img', { name: /^Preview frame at 2\.00 s/ });
    await poll(() => frame.count()).toBe(1);
    await poll(() => frame.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(590);
    await poll(() => frame.getAttribute('data-frame-index')).toBe('50');
    await poll(() => editedFrame().count()).toBe(1);
    await shot(page, '07-preview-2s');
  });

  it('drives the transport from the keyboard: frame step, in/out, zoom, play and stop', async () => {
    await page.getByRole('button', { name: 'Monitor original' }).click();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await poll(frameNumber).toBe('F 50');
    await page.keyboard.press('ArrowRight');
    await poll(frameNumber).toBe('F 51');
    await page.keyboard.press('ArrowLeft');
    await poll(frameNumber).toBe('F 50');
    await page.keyboard.press('i');
    await seekTo(3);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('o');
    await poll(() => page.getByLabel('In and out points').textContent()).toMatch(/In 00:02\.00 · Out 00:03\.00/);
    const zoom = Number((await page.getByText(/px\/s$/).textContent())!.split(' ')[0]);
    await page.keyboard.press('+');
    await poll(async () => Number((await page.getByText(/px\/s$/).textContent())!.split(' ')[0])).toBeGreaterThan(zoom);
    await page.keyboard.press('-');
    await seekTo(0.5);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(' ');
    await poll(() => page.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1);
    await page.waitForTimeout(600);
    await page.keyboard.press('k');
    await poll(() => page.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    const t = Number(await page.getByLabel('Playhead time in seconds').inputValue());
    expect(t).toBeGreaterThan(0.7);
    // J shuttles backwards (stepped: media cannot play in reverse), K stops.
    await page.keyboard.press('j');
    await page.waitForTimeout(400);
    await page.keyboard.press('k');
    await poll(async () => Number(await page.getByLabel('Playhead time in seconds').inputValue())).toBeLessThan(t - 0.2);
    await shot(page, '08-keyboard');
  });

  it('plays the dub in sync in B, muting the original', async () => {
    await seekTo(1);
    await page.getByRole('button', { name: 'Monitor dub' }).click();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForTimeout(500);
    const state = await page.evaluate(() => {
      const v = document.querySelector('video')!;
      const a = document.querySelector('audio')!;
      return { videoMuted: v.muted, dubPlaying: !a.paused, drift: Math.abs(v.currentTime - a.currentTime) };
    });
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    expect(state.videoMuted).toBe(true);
    expect(state.dubPlaying).toBe(true);
    expect(state.drift).toBeLessThan(0.25);
    await page.getByRole('button', { name: 'Monitor original' }).click();
    expect(await page.evaluate(() => document.querySelector('video')!.muted)).toBe(false);
  });

  it('exports the Spanish dub through the real queue (lip-sync none): progress, done, file on disk', async () => {
    await page.getByRole('tab', { name: 'Export' }).click();
    await page.getByLabel('Format').selectOption('mp4');
    await page.getByLabel('Lip-sync').selectOption('none');
    await page.getByLabel('Output folder').fill(work);
    await poll(() => page.getByTestId('export-example').textContent()).toBe('talk3_es.mp4');
    await page.getByRole('button', { name: 'Queue export' }).click();
    const job = page.getByRole('listitem', { name: 'Export es mp4' });
    await poll(() => job.getByTestId('job-state').textContent()).toMatch(/Rendering|Done/);
    await shot(page, '09-export-queue');
    await expect.poll(() => job.getByTestId('job-state').textContent(), { timeout: 60_000, interval: 100 }).toBe('Done');
    expect(await job.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(existsSync(join(work, 'talk3_es.mp4'))).toBe(true);
    expect(statSync(join(work, 'talk3_es.mp4')).size).toBeGreaterThan(10_000);
    await shot(page, '09b-export-done');
  });

  it('cancels a running export (built-in lip-sync, webm): it stops and writes nothing', async () => {
    await page.getByLabel('Format').selectOption('webm');
    await page.getByLabel('Lip-sync').selectOption('builtin');
    await page.getByRole('button', { name: 'Queue export' }).click();
    const job = page.getByRole('listitem', { name: 'Export es webm' });
    await poll(() => job.getByTestId('job-state').textContent()).toMatch(/Queued|Preparing|Analysing faces|Building bank|Rendering/i);
    await job.getByRole('button', { name: 'Cancel es export' }).click();
    await poll(() => job.getByTestId('job-state').textContent()).toBe('Cancelled');
    expect(existsSync(join(work, 'talk3_es.webm'))).toBe(false);
    await shot(page, '09c-export-cancelled');
  });

  it('lists the models with licences and the provider in use, and downloads one after licence consent', async () => {
    // A local server plays the model host (REDUB_MODELS_URL): the manifest's URLs are never contacted.
    const wav2lip = Buffer.from(wav2lipFixture('wav2lip_96', 400_000));
    models.routes.set('/m/wav2lip_96.onnx', { body: wav2lip, slowMs: 15 });
    models.routes.set('/m/wav2lip_96.hash', { body: `${crc32(wav2lip).toString(16).padStart(8, '0')}\n` });
    process.env.REDUB_MODELS_URL = `${models.base}/m`;
    await page.getByRole('tab', { name: 'Models' }).click();
    await poll(() => page.getByTestId('provider-in-use').textContent()).toBe('CPU');
    const row = page.getByRole('listitem', { name: 'Model wav2lip_96' });
    await poll(() => row.getByTestId('model-state').textContent()).toBe('Not installed');
    expect(await row.getByText('Non-commercial').count()).toBe(1);
    expect(await page.getByRole('listitem', { name: 'Model face_landmark_468' }).getByTestId('model-state').textContent()).toBe(
      'Installed',
    );
    await shot(page, '10-models');
    await row.getByRole('button', { name: 'Download wav2lip_96' }).click();
    const dialog = page.getByRole('dialog', { name: 'Licence of wav2lip_96' });
    await poll(() => dialog.getByText(/Non-commercial use only/).count()).toBe(1);
    expect(await dialog.getByRole('button', { name: 'Accept and download' }).isDisabled()).toBe(true);
    await dialog.getByRole('checkbox').check();
    await shot(page, '10b-model-licence');
    await dialog.getByRole('button', { name: 'Accept and download' }).click();
    await poll(() => row.getByRole('progressbar').count()).toBe(1);
    await shot(page, '10c-model-downloading');
    await poll(() => row.getByTestId('model-state').textContent()).toBe('Installed');
    expect(existsSync(join(useEngineDirs().modelsDir, 'wav2lip_96.onnx'))).toBe(true);
    await page.getByRole('tab', { name: 'Inspector' }).click();
  });

  it('undoes and redoes edits with Ctrl+Z / Ctrl+Shift+Z', async () => {
    await segmentButton(2).click();
    await poll(() => emotion().inputValue()).toBe('smile');
    await page.keyboard.press('Control+z');
    await poll(() => page.getByLabel('Intensity').inputValue()).toBe('1');
    expect(await emotion().inputValue()).toBe('smile');
    await page.keyboard.press('Control+z');
    await poll(() => emotion().inputValue()).toBe('neutral');
    await shot(page, '11-undo');
    await page.keyboard.press('Control+Shift+z');
    await poll(() => emotion().inputValue()).toBe('smile');
    await page.keyboard.press('Control+Shift+z');
    await poll(() => page.getByLabel('Intensity').inputValue()).toBe('0.95');
    await shot(page, '12-redo');
  });

  it('finds everything as left after a reload', async () => {
    await page.reload();
    await poll(() => page.getByTestId('project-name').textContent()).toBe('talk3');
    await poll(() => segmentButton(2).getAttribute('aria-label')).toMatch(/2\.50 to .* Smile$/);
    await poll(() => page.getByLabel('Spanish waveform').count()).toBe(1);
    await shot(page, '13-reloaded');
  });

  it('finds everything as left after restarting the bridge (recent projects)', async () => {
    const dir = bridge.projectDir;
    await bridge.stop();
    bridge = await startBridge(dir);
    await page.goto(bridge.server.launchUrl);
    // A new server is a new origin: the welcome screen lists the project from its registry.
    await poll(() => page.getByRole('button', { name: 'Reopen talk3' }).count()).toBe(1);
    await shot(page, '14a-recent-projects');
    await page.getByRole('button', { name: 'Reopen talk3' }).click();
    await poll(() => segmentButton(2).getAttribute('aria-label')).toMatch(/Smile$/);
    await segmentButton(2).click();
    await poll(() => emotion().inputValue()).toBe('smile');
    await poll(() => page.getByLabel('Spanish waveform').count()).toBe(1);
    // Undo history is kept in the project file: it is still there after the restart.
    await poll(() => page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toMatch(/Change intensity/);
    await previewShown();
    await shot(page, '14-reopened');
    expect(consoleErrors).toEqual([]);
  });
});

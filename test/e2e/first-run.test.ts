import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureEngine } from '../../main/engine/settings';
import { CHROMIUM, launchChromium, shot } from './support/browser';
import { MODELS_DIR, removeDir, startBridge, tempDir, type RunningBridge } from './support/bridge';
import { ensureRendererBuilt } from './support/build-renderer';
import { makeSpanishDub, talk3Cut } from './support/media';

/**
 * A first run without the face models and without a network (the mirror refuses connections):
 * the editor says in words for people which files lip-sync needs, shows the models folder
 * shortened (full path on hover), and both ways in work: "Import model file…" copies one in,
 * "Choose models folder…" switches to a folder that has them (remembered across a restart),
 * after which the B monitor is lip-synced.
 */
const noChromium = !existsSync(CHROMIUM);
const FACE_FILES = ['face_detection_short_range.onnx', 'face_detection_full_range.onnx', 'face_landmark_468.onnx'];

describe.skipIf(noChromium)('first run without face models (browser mode)', () => {
  let bridge: RunningBridge;
  let browser: Browser;
  let page: Page;
  let work: string;
  let emptyModels: string;
  const savedUrl = process.env.REDUB_MODELS_URL;
  const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout, interval: 100 });
  const panel = () => page.getByRole('region', { name: 'Face models needed' });
  const fileState = (file: string) => panel().getByRole('listitem', { name: file }).getByTestId('face-model-state').textContent();
  const answerDialog = async (title: string, label: string, path: string, submit: string) => {
    const dialog = page.getByRole('dialog', { name: title });
    await dialog.getByLabel(label).fill(path);
    await dialog.getByRole('button', { name: submit, exact: true }).click();
  };

  beforeAll(async () => {
    work = tempDir('redub-e2e-first-run-');
    // As deep as the real default (~/.local/share/redub/models), so the panel has a path to shorten.
    emptyModels = join(work, 'share', 'redub', 'models');
    mkdirSync(emptyModels, { recursive: true });
    // Three seconds: the built-in lip-sync learns the mouth from at least 2 s of tracked face.
    const video = talk3Cut(work, 'short.mp4', 3);
    const [b] = await Promise.all([launchChromium(), ensureRendererBuilt()]);
    browser = b;
    bridge = await startBridge();
    // Offline: nothing listens on port 1, so the first-use download fails at once.
    process.env.REDUB_MODELS_URL = 'http://127.0.0.1:1/models';
    configureEngine({ modelsDir: emptyModels });
    const view = await bridge.server.api.openVideo({ path: video });
    await bridge.server.api.addDubTrack({ projectId: view.id, language: 'es', audioPath: makeSpanishDub(work) });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    if (savedUrl === undefined) delete process.env.REDUB_MODELS_URL;
    else process.env.REDUB_MODELS_URL = savedUrl;
    await browser?.close();
    await bridge?.stop();
    removeDir(bridge?.projectDir ?? '');
    removeDir(work ?? '');
  });

  it('names the files lip-sync needs on the welcome screen, the folder shortened with the full path on hover', async () => {
    await page.goto(bridge.server.launchUrl);
    await poll(() => panel().isVisible()).toBe(true);
    for (const f of FACE_FILES) expect(await fileState(f)).toBe('Missing');
    const folder = panel().locator('.short-path');
    expect(await folder.getAttribute('title')).toBe(emptyModels);
    expect(await folder.textContent()).toBe('/…/redub/models');
    expect(await panel().textContent()).not.toMatch(/--role|REDUB_MODELS_DIR|redub models/);
  });

  it('says so on the B monitor in people words, and shows the panel in Models', async () => {
    await page.getByRole('button', { name: 'Reopen short' }).click();
    await page.getByRole('button', { name: 'Monitor dub' }).click();
    const field = page.getByLabel('Playhead time in seconds');
    await field.fill('1');
    await field.press('Enter');
    await poll(() => page.getByRole('status').textContent(), 30_000).toBe('Lip-sync needs the face models — see Models');
    await page.getByRole('tab', { name: 'Models' }).click();
    await poll(() => panel().isVisible()).toBe(true);
    await poll(() => panel().textContent()).toContain('this computer seems to be offline');
    await shot(page, 'first-run-no-models');
  });

  it('imports a model file: it is copied into the models folder; a file that is no model is refused in one line', async () => {
    await panel().getByRole('button', { name: 'Import model file…' }).click();
    await answerDialog('Import model file', 'Model file path', join(MODELS_DIR, FACE_FILES[0]), 'Import');
    await poll(() => fileState(FACE_FILES[0])).toBe('Installed');
    expect(readFileSync(join(emptyModels, FACE_FILES[0])).equals(readFileSync(join(MODELS_DIR, FACE_FILES[0])))).toBe(true);
    expect(await fileState(FACE_FILES[2])).toBe('Missing');
    const notes = join(work, 'notes.onnx');
    writeFileSync(notes, 'not a model');
    await panel().getByRole('button', { name: 'Import model file…' }).click();
    await answerDialog('Import model file', 'Model file path', notes, 'Import');
    await poll(() => panel().getByRole('alert').textContent()).toMatch(/notes\.onnx: not a model Redub can use/);
  });

  it('chooses a models folder that has them: the panel goes, the B monitor is lip-synced, the folder is remembered', async () => {
    await panel().getByRole('button', { name: 'Choose models folder…' }).click();
    await answerDialog('Choose models folder', 'Models folder path', join(work, 'nowhere'), 'Use this folder');
    await poll(() => panel().getByRole('alert').textContent()).toContain('this folder does not exist');
    await panel().getByRole('button', { name: 'Choose models folder…' }).click();
    await answerDialog('Choose models folder', 'Models folder path', MODELS_DIR, 'Use this folder');
    await poll(() => panel().count()).toBe(0);
    expect(await page.getByLabel('Inference runtime').locator('.short-path').getAttribute('title')).toBe(MODELS_DIR);
    const field = page.getByLabel('Playhead time in seconds');
    await field.fill('1.2');
    await field.press('Enter');
    await poll(() => page.getByRole('status').textContent(), 90_000).toMatch(/^(Lip-synced|Own mouth fits) · \d+ ms$/);
    await shot(page, 'first-run-models-chosen');
    const dir = bridge.projectDir;
    await bridge.stop();
    bridge = await startBridge(dir);
    expect((await bridge.server.api.listModels({})).dir).toBe(MODELS_DIR);
  });
});

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { shot } from './support/browser';
import { removeDir, tempDir } from './support/bridge';
import { electronBinary } from '../../build/electron-binary.mjs';
import { ROOT } from './support/build-renderer';
import { makeSpanishDub, TALK3 } from './support/media';

const electronPath: string | null = electronBinary(ROOT);
const why = electronPath
  ? ''
  : ' [skipped: no Electron binary here — node_modules/electron holds the package but not its binary (the download failed or ELECTRON_SKIP_BINARY_DOWNLOAD=1); the browser-mode e2e covers the same flow]';

// Say why in the run's output too (the default reporter does not print skipped tests' names).
if (!electronPath) console.warn(`electron.test.ts:${why}`);

/**
 * The same flow as editor.test.ts, in the real Electron app (preload + IPC + utilityProcess).
 * Native dialogs are stubbed in the main process, which is what a user's click would return.
 */
describe('editor (Electron)', () => {
  let app: ElectronApplication | undefined;
  const dirs: string[] = [];

  afterAll(async () => {
    await app?.close();
    dirs.forEach(removeDir);
  });

  it.skipIf(!electronPath)(`opens, dubs, splits, styles, previews, undoes and persists a project${why}`, async () => {
    const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const projectDir = tempDir('redub-electron-');
    const media = tempDir('redub-electron-media-');
    dirs.push(projectDir, media);
    const dub = makeSpanishDub(media);
    const launch = () =>
      _electron.launch({
        executablePath: electronPath!,
        args: [join(ROOT, 'out/main/index.js')],
        env: { ...process.env, REDUB_PROJECT_DIR: projectDir },
      });
    app = await launch();
    let page: Page = await app.firstWindow();
    const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 100 });
    const segment = (n: number) => page.getByRole('button', { name: new RegExp(`^Segment ${n},`) });

    // Hardening is observable from the page: no Node, only the typed bridge.
    expect(
      await page.evaluate(() => [
        typeof (globalThis as { require?: unknown }).require,
        typeof (globalThis as { process?: unknown }).process,
        typeof window.redub?.openVideo,
      ]),
    ).toEqual(['undefined', 'undefined', 'function']);

    await app.evaluate(
      ({ dialog }, paths) => {
        const queue = [...paths];
        (dialog as { showOpenDialog: unknown }).showOpenDialog = async () => ({ canceled: false, filePaths: [queue.shift()] });
      },
      [TALK3, dub, media],
    );

    await page.getByRole('button', { name: 'Open video' }).first().click();
    await poll(() => page.getByTestId('project-name').textContent()).toBe('talk3');
    await page.getByRole('button', { name: 'Add dub track' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add dub track' });
    await dialog.getByRole('button', { name: 'Browse…' }).click();
    await poll(() => dialog.getByLabel('Dub audio file path').inputValue()).toBe(dub);
    await dialog.getByRole('button', { name: 'Add dub' }).click();
    await poll(() => page.getByLabel('Spanish waveform').getAttribute('data-ready')).toBe('true');

    await page.getByLabel('Playhead time in seconds').fill('2.5');
    await page.getByLabel('Playhead time in seconds').press('Enter');
    await page.locator('body').press('s');
    await poll(() => segment(2).count()).toBe(1);
    await page.getByRole('option', { name: 'Select segment 2' }).click();
    await page.getByLabel('Emotion template').selectOption('smile');
    await poll(() => segment(2).getAttribute('aria-label')).toMatch(/Smile$/);

    await page.getByLabel('Playhead time in seconds').fill('2');
    await page.getByLabel('Playhead time in seconds').press('Enter');
    const frame = page.getByRole('img', { name: /^Preview frame at 2\.00 s/ });
    await poll(() => frame.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(590);
    await shot(page, 'electron-01-preview');

    await page.getByRole('button', { name: 'Undo' }).click();
    await poll(() => page.getByLabel('Emotion template').inputValue()).toBe('neutral');
    await page.getByRole('button', { name: 'Redo' }).click();
    await poll(() => page.getByLabel('Emotion template').inputValue()).toBe('smile');

    // The output folder comes from the native folder dialog too (and stays typed-only in a browser).
    await page.getByRole('tab', { name: 'Export' }).click();
    await page.getByRole('button', { name: 'Choose output folder' }).click();
    await poll(() => page.getByLabel('Output folder').inputValue()).toBe(media);

    // Quit and start again: the project comes back as it was left.
    await app.close();
    app = await launch();
    page = await app.firstWindow();
    await poll(() => page.getByTestId('project-name').textContent()).toBe('talk3');
    await poll(() => segment(2).getAttribute('aria-label')).toMatch(/2\.50 to .* Smile$/);
    await shot(page, 'electron-02-reopened');
  });
});

import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli';
import { ffprobeJson, sharedDir } from '../helpers/media';
import { RedisServer } from '../helpers/redis-server';
import { CHROMIUM, launchChromium, shot } from './support/browser';
import { removeDir, startBridge, tempDir, type RunningBridge } from './support/bridge';
import { ensureRendererBuilt } from './support/build-renderer';
import { makeSpanishDub, talk3Cut } from './support/media';

/**
 * "Render on: farm" in the Export panel, in Chromium over the real bridge, against a real
 * redis-server and one real `redub worker` process: an unreachable farm is one line in the
 * panel (a pasted password never shown), Cancel mid-render leaves a cancelled row and no file,
 * and an export then shows the worker's progress and ends Done with the source's frame count.
 */
const noChromium = !existsSync(CHROMIUM);

describe.skipIf(noChromium)('export on a render farm (browser mode)', () => {
  let bridge: RunningBridge;
  let browser: Browser;
  let page: Page;
  let work: string;
  let video: string;
  let dub: string;
  let redis: RedisServer;
  let worker: ChildProcess;
  let workerLog = '';
  const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout, interval: 100 });
  const job = (format = 'mp4') => page.getByRole('listitem', { name: `Export es ${format}` });
  const state = (format = 'mp4') => job(format).getByTestId('job-state').textContent();
  const out = (ext: string) => join(work, 'exports', `clip_es.${ext}`);

  beforeAll(async () => {
    work = tempDir('redub-e2e-farm-');
    mkdirSync(join(work, 'exports'));
    dub = makeSpanishDub(work);
    video = talk3Cut(work, 'clip.mp4', 3);
    redis = await RedisServer.start(work);
    bridge = await startBridge();
    const args = ['worker', '--farm', redis.url, '--name', 'w1'];
    for (const root of [work, bridge.projectDir, sharedDir()]) args.push('--allow', root);
    worker = spawnCli(args).child;
    worker.stderr!.on('data', (d: Buffer) => (workerLog += d.toString()));
    const [b] = await Promise.all([launchChromium(), ensureRendererBuilt()]);
    browser = b;
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  }, 240_000);

  it('opens a short video with a Spanish dub; the worker joins the farm', async () => {
    await page.goto(bridge.server.launchUrl);
    await page.getByRole('button', { name: 'Open video' }).first().click();
    await page.getByRole('dialog', { name: 'Open video' }).getByLabel('Video file path').fill(video);
    await page.getByRole('dialog', { name: 'Open video' }).getByRole('button', { name: 'Open', exact: true }).click();
    await poll(() => page.getByTestId('project-name').textContent()).toBe('clip');
    await page.getByRole('button', { name: 'Add dub track' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add dub track' });
    await dialog.getByLabel('Language').selectOption('es');
    await dialog.getByLabel('Dub audio file path').fill(dub);
    await dialog.getByRole('button', { name: 'Add dub' }).click();
    await poll(() => page.getByLabel('Spanish waveform').getAttribute('data-ready')).toBe('true');
    await page.getByRole('tab', { name: 'Export' }).click();
    await page.getByLabel('Lip-sync').selectOption('none');
    await page.getByLabel('Output folder').fill(join(work, 'exports'));
    // The worker announces itself once its render thread has loaded the engine.
    await poll(() => workerLog, 120_000).toContain('concurrency 1');
  }, 240_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    console.error(`--- worker\n${workerLog}`);
    console.error(`--- alerts: ${(await page.getByRole('alert').allTextContents()).join(' | ')}`);
  });

  afterAll(async () => {
    await browser?.close();
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    await bridge?.stop();
    await redis?.stop();
    removeDir(bridge?.projectDir ?? '');
    removeDir(work ?? '');
  });

  it('says in one line that an unreachable farm does not answer, and never shows a pasted password', async () => {
    await page.getByLabel('Render farm').check();
    await page.getByLabel('Farm URL').fill('redis://:s3cret@127.0.0.1:1');
    await page.getByLabel('Farm password').focus();
    // The password moved to its masked field: the URL shows only the address.
    expect(await page.getByLabel('Farm URL').inputValue()).toBe('redis://127.0.0.1:1');
    expect(await page.getByLabel('Farm password').getAttribute('type')).toBe('password');
    await page.getByRole('button', { name: 'Queue export' }).click();
    const alert = page.getByRole('alert');
    await poll(() => alert.textContent()).toContain('farm redis://:***@127.0.0.1:1: no Redis answered within 3 s');
    // On screen nowhere (the masked field's value is the only place the page holds it).
    expect(await page.locator('body').innerText()).not.toContain('s3cret');
    expect(await job().count()).toBe(0);
  }, 60_000);

  it('renders on the farm with the worker’s progress, then Done with every frame of the source', async () => {
    await page.getByLabel('Farm URL').fill(redis.url);
    await page.getByLabel('Farm password').fill('');
    await page.getByRole('button', { name: 'Queue export' }).click();
    await poll(() => state(), 60_000).toMatch(/^Rendering on w1/);
    expect(await job().getByTestId('job-farm').count()).toBe(1);
    // Held for the screenshot (SIGSTOP, well inside its 10 s lock), then let go.
    worker.kill('SIGSTOP');
    try {
      await poll(() => job().getByRole('progressbar').getAttribute('aria-valuenow')).not.toBe('0');
      await job().scrollIntoViewIfNeeded();
      await shot(page, 'export-farm');
    } finally {
      worker.kill('SIGCONT');
    }
    await poll(() => state(), 240_000).toBe('Done');
    const frames = async (file: string) =>
      ((await ffprobeJson(file, true)).streams as { codec_type: string; nb_read_frames?: string }[]).find((x) => x.codec_type === 'video')!
        .nb_read_frames;
    expect(await frames(out('mp4'))).toBe(await frames(video));
    expect(Number(await frames(video))).toBeGreaterThan(50);
    expect(workerLog.match(/assembling es/g)).toHaveLength(1);
  }, 300_000);

  it('cancels a farm export mid-render: the row is Cancelled, its chunks stop, no file is written', async () => {
    // Another container: new chunks to render (the mp4's are reused otherwise).
    await page.getByLabel('Format').selectOption('mov');
    await page.getByRole('button', { name: 'Queue export' }).click();
    await poll(() => state('mov'), 60_000).toMatch(/^Rendering on w1/);
    // The worker is held so the cancel lands mid-render on a loaded machine, not after the last frame.
    worker.kill('SIGSTOP');
    try {
      await page.getByRole('button', { name: 'Cancel es export' }).click();
      await poll(() => state('mov')).toBe('Cancelled');
    } finally {
      worker.kill('SIGCONT');
    }
    // The running chunk is stopped and no assembly is taken: give the worker time to have done either.
    await new Promise((r) => setTimeout(r, 4000));
    expect(workerLog.match(/assembling es/g)).toHaveLength(1);
    expect(existsSync(out('mov'))).toBe(false);
    expect(await job('mov').getByRole('button', { name: 'Retry es export' }).count()).toBe(0);
    expect(await job('mov').textContent()).toContain('Stopped; nothing was written.');
  }, 180_000);

  it('remembers "Render on: farm" and its URL across a reload', async () => {
    await page.reload();
    await poll(() => page.getByTestId('project-name').textContent()).toBe('clip');
    await page.getByRole('tab', { name: 'Export' }).click();
    await poll(() => page.getByLabel('Render farm').isChecked()).toBe(true);
    expect(await page.getByLabel('Farm URL').inputValue()).toBe(redis.url);
    await poll(() => state()).toBe('Done');
  }, 60_000);
});

import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEngine } from '../../main/bridge/local-engine';
import { openWorkspace } from '../../main/bridge/open-store';
import { startBridgeServer, type BridgeServer } from '../../main/bridge/server';
import type { ProjectWorkspace } from '../../main/bridge/workspace';
import { CHROMIUM, launchChromium, shot } from './support/browser';
import { removeDir, tempDir, useEngineDirs } from './support/bridge';
import { ensureRendererBuilt, RENDERER_OUT } from './support/build-renderer';
import { makeSpanishDub, talk3Cut } from './support/media';

/**
 * A tab open across a server restart: it says it is disconnected while the server is gone, and
 * once it is back it re-reads the queue, so what changed meanwhile shows without a reload.
 */
const noChromium = !existsSync(CHROMIUM);

describe.skipIf(noChromium)('connection to the bridge (browser mode)', () => {
  let server: BridgeServer;
  let workspace: ProjectWorkspace;
  let browser: Browser;
  let page: Page;
  let work: string;
  let projectDir: string;
  let projectId: string;
  const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 100 });
  const start = async (port = 0, token?: string) => {
    workspace = openWorkspace(projectDir);
    server = await startBridgeServer({ workspace, engine: createLocalEngine(), rendererDir: RENDERER_OUT, port, token });
  };
  const stop = async () => {
    await server.close();
    await workspace.close();
  };

  beforeAll(async () => {
    useEngineDirs();
    work = tempDir('redub-e2e-conn-');
    projectDir = tempDir('redub-e2e-conn-projects-');
    const video = talk3Cut(work, 'short.mp4', 2);
    const [b] = await Promise.all([launchChromium(), ensureRendererBuilt()]);
    browser = b;
    await start();
    const view = await server.api.openVideo({ path: video });
    projectId = view.id;
    await server.api.addDubTrack({ projectId, language: 'es', audioPath: makeSpanishDub(work) });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await stop().catch(() => undefined);
    removeDir(projectDir ?? '');
    removeDir(work ?? '');
  });

  it('shows a finished export in the queue', async () => {
    await page.goto(server.launchUrl);
    await page.getByRole('button', { name: 'Reopen short' }).click();
    await poll(() => page.getByTestId('project-name').textContent()).toBe('short');
    await page.getByRole('tab', { name: 'Export' }).click();
    await page.getByLabel('Lip-sync').selectOption('none');
    await page.getByLabel('Output folder').fill(work);
    await page.getByRole('button', { name: 'Queue export' }).click();
    await expect.poll(() => page.getByTestId('job-state').textContent(), { timeout: 60_000, interval: 100 }).toBe('Done');
    expect(await page.getByTestId('disconnected').count()).toBe(0);
  });

  it('says it is disconnected while the server is gone', async () => {
    const { port, token } = server;
    await stop();
    await poll(() => page.getByTestId('disconnected').isVisible()).toBe(true);
    expect(await page.getByTestId('disconnected').textContent()).toContain('Disconnected from Redub');
    await shot(page, 'disconnected');
    // Meanwhile the queue changes with nobody listening (another tab, the CLI).
    const offline = openWorkspace(projectDir);
    const store = await offline.get(projectId);
    for (const j of store.jobs.list()) store.jobs.remove(j.id);
    await offline.close();
    await start(port, token);
  });

  it('re-syncs once the server is back: the banner goes and the queue is as the server has it', async () => {
    await poll(() => page.getByTestId('disconnected').count()).toBe(0);
    await poll(() => page.getByTestId('job-state').count()).toBe(0);
    expect(await page.getByText('Nothing queued yet.').count()).toBe(1);
  });
});

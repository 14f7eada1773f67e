/**
 * The editor side of a first run: when the engine fetches the face models by itself (a preview or
 * an export is their first use), the bridge forwards the progress as `modelDownload` events, the
 * ones the Models panel already shows, and the panel's list then has them installed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { wireEventSchema, type RedubEvent } from '../../common/contract';
import { createLocalEngine } from '../../main/bridge/local-engine';
import { openWorkspace } from '../../main/bridge/open-store';
import { startBridgeServer, type BridgeServer } from '../../main/bridge/server';
import type { ProjectWorkspace } from '../../main/bridge/workspace';
import { faceManifestModels, faceModel } from '../../main/engine/face/models/descriptors';
import { locateModel } from '../../main/engine/face/models/model-file';
import { findModel } from '../../main/engine/models/manifest';
import { configureEngine } from '../../main/engine/settings';
import { MODELS_DIR } from '../engine/face/face-env';
import { startFileServer, type FileServer } from '../engine/models/http-fixture';
import { removeDir, tmpDir } from '../helpers/media';

let files: FileServer;
let bridge: BridgeServer;
let workspace: ProjectWorkspace;
const dir = tmpDir('redub-first-run-events-');
const modelsDir = join(dir, 'models');
const saved = process.env.REDUB_MODELS_URL;

beforeAll(async () => {
  files = await startFileServer();
  for (const name of faceManifestModels()) {
    const file = findModel(name).file;
    files.routes.set(`/mirror/${file}`, { body: readFileSync(join(MODELS_DIR, file)) });
  }
  process.env.REDUB_MODELS_URL = `${files.base}/mirror`;
  configureEngine({ modelsDir, cacheDir: join(dir, 'cache') });
  workspace = openWorkspace(join(dir, 'projects'));
  bridge = await startBridgeServer({ workspace, engine: createLocalEngine(), rendererDir: dir });
});

afterAll(async () => {
  if (saved === undefined) delete process.env.REDUB_MODELS_URL;
  else process.env.REDUB_MODELS_URL = saved;
  await bridge.close();
  await workspace.close();
  await files.close();
  removeDir(dir);
});

describe('face models fetched on first use, seen from the editor', () => {
  it('reach the renderer as modelDownload events, then list as installed', async () => {
    const events: RedubEvent[] = [];
    const seqs: number[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/events?token=${bridge.token}`, { headers: { origin: bridge.origin } });
    await new Promise((r, j) => ws.on('open', r).on('error', j));
    const names = faceManifestModels();
    const allDone = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        const wire = wireEventSchema.parse(JSON.parse(String(data)));
        seqs.push(wire.seq);
        events.push(wire.event);
        const done = events.filter((e) => e.type === 'modelDownload' && e.download.state === 'done');
        if (done.length === names.length) resolve();
      }),
    );
    const before = await bridge.api.listModels({});
    expect(before.models.filter((m) => faceManifestModels().includes(m.name)).every((m) => !m.installed)).toBe(true);

    // What every face stage and preview does first.
    await locateModel(faceModel('face-mesh-468'));
    await allDone;
    ws.close();

    for (const name of names) {
      const mine = events.flatMap((e) => (e.type === 'modelDownload' && e.download.name === name ? [e.download] : []));
      expect(mine[0]).toMatchObject({ state: 'running', received: 0 });
      expect(mine.at(-1)).toMatchObject({ state: 'done', error: null, received: findModel(name).size });
    }
    const after = await bridge.api.listModels({});
    expect(after.models.filter((m) => faceManifestModels().includes(m.name)).map((m) => m.installed)).toEqual([true, true, true]);
    // Numbered one by one, so a client can tell it missed one (and re-sync).
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
  });
});

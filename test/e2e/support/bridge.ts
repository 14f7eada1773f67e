import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalEngine } from '../../../main/bridge/local-engine';
import { openEditorStore } from '../../../main/bridge/open-store';
import { startBridgeServer, type BridgeServer } from '../../../main/bridge/server';
import type { EditorStore } from '../../../main/bridge/store-port';
import { RENDERER_OUT } from './build-renderer';

export interface RunningBridge {
  server: BridgeServer;
  store: EditorStore;
  projectDir: string;
  stop(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The real bridge, in-process, on a random port, over a project dir (fresh unless given). */
export async function startBridge(projectDir = tempDir('redub-e2e-')): Promise<RunningBridge> {
  const store = openEditorStore(projectDir);
  const server = await startBridgeServer({ store, engine: createLocalEngine(), rendererDir: RENDERER_OUT });
  return {
    server,
    store,
    projectDir,
    stop: async () => {
      await server.close();
      store.close();
    },
  };
}

export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

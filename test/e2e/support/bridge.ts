import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalEngine } from '../../../main/bridge/local-engine';
import { openWorkspace } from '../../../main/bridge/open-store';
import { startBridgeServer, type BridgeServer } from '../../../main/bridge/server';
import type { EditorApi } from '../../../common/contract';
import type { ProjectWorkspace } from '../../../main/bridge/workspace';
import { sharedDir } from '../../helpers/media';
import { configureEngine } from '../../../main/engine/settings';
import { RENDERER_OUT } from './build-renderer';

/** The real face models (read-only, shared) and one analysis cache for the whole test file. */
export const MODELS_DIR = join(sharedDir(), 'models');
let dirs: { cacheDir: string; modelsDir: string } | undefined;

/**
 * A private models folder (the shared face models linked in, so downloads land somewhere
 * writable) and one analysis cache for the whole test file.
 */
export function useEngineDirs(): { cacheDir: string; modelsDir: string } {
  if (!dirs) {
    const modelsDir = mkdtempSync(join(tmpdir(), 'redub-e2e-models-'));
    for (const f of readdirSync(MODELS_DIR)) if (!f.endsWith('.md')) symlinkSync(join(MODELS_DIR, f), join(modelsDir, f));
    dirs = { cacheDir: mkdtempSync(join(tmpdir(), 'redub-e2e-cache-')), modelsDir };
  }
  configureEngine(dirs);
  return dirs;
}

export interface RunningBridge {
  server: BridgeServer;
  workspace: ProjectWorkspace;
  projectDir: string;
  stop(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * The real bridge, in-process, on a random port, over a project dir (fresh unless given). The
 * background render near the playhead is off unless asked for: on two cores it would compete
 * with what a test measures (render-bar.test.ts turns it on).
 */
export async function startBridge(
  projectDir = tempDir('redub-e2e-'),
  rendererDir = RENDERER_OUT,
  options: { backgroundRender?: boolean } = {},
): Promise<RunningBridge> {
  useEngineDirs();
  const workspace = openWorkspace(projectDir);
  const server = await startBridgeServer({
    workspace,
    engine: createLocalEngine(),
    rendererDir,
    backgroundRender: options.backgroundRender ?? false,
  });
  return {
    server,
    workspace,
    projectDir,
    stop: async () => {
      await server.close();
      await workspace.close();
    },
  };
}

export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

type QueueExportInput = Parameters<EditorApi['queueExport']>[0];

/** The Export panel's request for one Spanish mp4 as the panel sends it by default; `patch` changes it. */
export function panelExport(projectId: string, outDir: string, patch: Partial<QueueExportInput> = {}): QueueExportInput {
  return {
    projectId,
    languages: ['es'],
    format: 'mp4',
    outDir,
    pattern: '{project}_{lang}.{ext}',
    lipsync: 'builtin',
    overwrite: false,
    createFolder: false,
    originalAudio: 'off',
    loudnessLufs: null,
    range: null,
    subtitles: null,
    farm: null,
    ...patch,
  };
}

#!/usr/bin/env node
/**
 * Browser mode: serves the editor on 127.0.0.1 and prints the URL (with this run's token).
 * Used by `npm start` where no Electron binary exists.  Usage:
 *   tsx main/bridge/serve.ts [--renderer out/renderer] [--project-dir DIR] [--port N]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLocalEngine } from './local-engine';
import { defaultProjectDir, openWorkspace } from './open-store';
import { startBridgeServer } from './server';

const { values } = parseArgs({
  options: {
    renderer: { type: 'string', default: 'out/renderer' },
    'project-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
  },
});

const workspace = openWorkspace(values['project-dir'] ?? defaultProjectDir());
const bridge = await startBridgeServer({
  workspace,
  engine: createLocalEngine(),
  rendererDir: resolve(values.renderer!),
  port: Number(values.port),
});
// One machine-readable line (build/start.mjs reads it and prints its own message); run by hand
// in a terminal, a human one too.
console.log(`REDUB_URL ${bridge.launchUrl}`);
if (process.stdout.isTTY) console.log(`Redub editor (browser mode) — open: ${bridge.launchUrl}`);

const stop = async () => {
  await bridge.close();
  await workspace.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

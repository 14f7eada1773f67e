#!/usr/bin/env node
/**
 * The one way the CLI starts: `redub` (the package's bin), `npm run -s redub -- …` and the tests
 * all come through here. The engine runs in THIS process, with no launcher process in between
 * (a `tsx` CLI parent relays signals, then kills the engine ~60 ms later, before it has removed
 * its temp files), so SIGINT/SIGTERM reach the engine's own cancel handler.
 *
 * In a checkout (the TypeScript source and tsx present) the source runs, registered in-process,
 * so an old `out/` build is never run by mistake; an installed package runs the built CLI.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const source = fileURLToPath(new URL('../main/cli/redub.ts', import.meta.url));
const built = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));

function hasTsx() {
  try {
    createRequire(import.meta.url).resolve('tsx/esm/api');
    return true;
  } catch {
    return false;
  }
}

if (existsSync(source) && hasTsx()) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
} else {
  await import(pathToFileURL(built).href);
}

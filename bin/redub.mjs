#!/usr/bin/env node
// The package's `redub` bin: the built CLI when present, else the TypeScript source through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  await import('tsx/esm/api').then(({ register }) => register());
  await import(new URL('../main/cli/redub.ts', import.meta.url).href);
}

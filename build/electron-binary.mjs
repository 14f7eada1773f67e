// Where the `electron` package keeps its binary, without triggering its download: since
// Electron 45, require('electron') fetches the binary on first use, which offline hangs or
// fails. Setup, `npm start` and the Electron e2e test all ask here instead.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Absolute path of the installed Electron executable, or null when only the package is there. */
export function electronBinary(root) {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

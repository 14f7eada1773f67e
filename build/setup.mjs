#!/usr/bin/env node
// The one install command (`npm run setup`): installs dependencies with the right switches
// for this platform, then says what is still missing on the system. Plain Node, no deps.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
// onnxruntime-node downloads CUDA libraries at install on Linux x64. The CPU build is
// bundled, so skip that download unless the user opts in with REDUB_CUDA=1 (NVIDIA GPU,
// CUDA 12): then the CUDA execution provider's binaries are fetched.
env.ONNXRUNTIME_NODE_INSTALL = process.env.REDUB_CUDA === '1' ? 'cuda12' : 'skip';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const args = existsSync(join(root, 'package-lock.json')) ? ['ci'] : ['install'];
console.log(`redub setup: npm ${args.join(' ')} (ONNXRUNTIME_NODE_INSTALL=${env.ONNXRUNTIME_NODE_INSTALL})`);
const r = spawnSync(npm, args, { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });
if (r.status !== 0) process.exit(r.status ?? 1);

// The `electron` package (types, electron-vite, electron-builder) is always installed; its
// binary is a separate download that may fail offline. Then the package stays, `npm run build`
// still builds the app, and `npm start` opens the editor in a browser.
if (!electronBinary(root)) {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') {
    console.log('redub setup: ELECTRON_SKIP_BINARY_DOWNLOAD=1: not fetching the Electron binary.');
  } else {
    console.log('redub setup: fetching the Electron binary…');
    const dl = spawnSync(process.execPath, [join(root, 'node_modules/electron/install.js')], {
      cwd: root,
      stdio: 'inherit',
      env,
      timeout: 10 * 60_000,
    });
    if (dl.status !== 0 || !electronBinary(root)) {
      console.log(
        'redub setup: the Electron binary could not be downloaded; kept the electron package without it ' +
          '(as ELECTRON_SKIP_BINARY_DOWNLOAD=1 would): `npm run build` works, `npm start` opens the editor in browser mode.',
      );
    }
  }
}

// ffmpeg-static is optional: offline it is dropped and Redub uses ffmpeg from PATH.
const has = (cmd) => !spawnSync(cmd, ['-version'], { stdio: 'ignore' }).error;
if (!existsSync(join(root, 'node_modules/ffmpeg-static')) && !process.env.REDUB_FFMPEG && !has('ffmpeg')) {
  console.log('redub setup: missing system tool: ffmpeg (e.g. apt-get install ffmpeg)');
}

#!/usr/bin/env node
// The one install command (`npm run setup`): installs dependencies with the right switches
// for this platform, then says what is still missing on the system. Plain Node, no deps.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env };
// onnxruntime-node downloads CUDA libraries at install on Linux x64. The CPU build is
// bundled, so skip that download unless the user opts in with REDUB_CUDA=1 (NVIDIA GPU,
// CUDA 12): then the CUDA execution provider's binaries are fetched.
env.ONNXRUNTIME_NODE_INSTALL = process.env.REDUB_CUDA === '1' ? 'cuda12' : 'skip';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const args = existsSync('package-lock.json') ? ['ci'] : ['install'];
console.log(`redub setup: npm ${args.join(' ')} (ONNXRUNTIME_NODE_INSTALL=${env.ONNXRUNTIME_NODE_INSTALL})`);
const r = spawnSync(npm, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
if (r.status !== 0) process.exit(r.status ?? 1);

// Optional dependencies (electron, ffmpeg-static) fetch binaries at install; offline they are
// dropped and Redub falls back: ffmpeg from PATH, the editor in a browser.
const missing = [];
const has = (cmd) => !spawnSync(cmd, ['-version'], { stdio: 'ignore' }).error;
if (!existsSync('node_modules/ffmpeg-static') && !process.env.REDUB_FFMPEG && !has('ffmpeg')) missing.push('ffmpeg');
if (!existsSync('node_modules/electron/dist')) {
  console.log('redub setup: no Electron binary; `npm start` opens the editor in browser mode.');
}
if (missing.length) console.log(`redub setup: missing system tools: ${missing.join(', ')} (e.g. apt-get install ${missing.join(' ')})`);

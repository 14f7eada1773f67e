#!/usr/bin/env node
/**
 * `npm start`: build what is stale, then run the editor.
 *  - With an Electron binary: `electron-vite build` (if needed) and launch Electron on out/main/index.js.
 *  - Without one (e.g. the optional download failed): build the renderer only, start the bridge
 *    server in browser mode on 127.0.0.1 and print the URL (with this run's token).
 *    `--open` also launches a browser on it (chromium, else xdg-open).
 * Plain Node, no dependencies: the tools it runs come from node_modules/.bin.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const wantOpen = argv.includes('--open');
const forceBrowser = argv.includes('--browser');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const e of readdirSync(path)) if (e !== 'node_modules') t = Math.max(t, newest(join(path, e)));
  return t;
}

/** True when `out` is missing or older than any of `sources`. */
function stale(out, sources) {
  const built = existsSync(out) ? statSync(out).mtimeMs : 0;
  return sources.some((s) => newest(join(root, s)) > built);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const electron = forceBrowser ? null : electronBinary(root);

if (electron) {
  if (stale(join(root, 'out/main/index.js'), ['main', 'preload', 'renderer', 'common', 'electron.vite.config.ts'])) {
    console.log('Building (electron-vite)…');
    run(bin('electron-vite'), ['build']);
  }
  const child = spawn(electron, [join(root, 'out/main/index.js')], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (stale(join(root, 'out/renderer/index.html'), ['renderer', 'common'])) {
    console.log('Building the renderer (vite)…');
    run(bin('vite'), ['build', '--config', 'renderer/vite.config.ts']);
  }
  if (!forceBrowser) console.log('No Electron binary found: starting in browser mode.');
  const passthrough = argv.filter((a) => a !== '--open' && a !== '--browser');
  // tsx registered inside the server's own node (no tsx CLI process between): signals reach it.
  const server = spawn(process.execPath, ['--import', 'tsx', 'main/bridge/serve.ts', ...passthrough], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server.stdout.setEncoding('utf8');
  let opened = false;
  server.stdout.on('data', (text) => {
    for (const line of text.split('\n')) {
      const m = /^REDUB_URL (\S+)/.exec(line);
      if (!m) {
        if (line) console.log(line);
        continue;
      }
      console.log(`\n  Redub is running. Open this URL in a browser (it carries this run's token):\n\n    ${m[1]}\n`);
      if (wantOpen && !opened) {
        opened = true;
        const browser = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
        const [cmd, args] = browser ? [browser, [`--app=${m[1]}`]] : ['xdg-open', [m[1]]];
        spawn(cmd, args, { stdio: 'ignore', detached: true })
          .on('error', () => console.log(`(could not launch ${cmd}; open the URL yourself)`))
          .unref();
      }
    }
  });
  const stop = () => server.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => process.exit(code ?? 0));
}

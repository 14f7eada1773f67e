import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

// Native and heavy modules stay external: they are loaded from node_modules at run time.
const external = ['better-sqlite3', 'onnxruntime-node', 'ffmpeg-static', '@techstark/opencv-js', 'electron'];

// Output goes to electron-vite's default out/main, out/preload and out/renderer (`--outDir DIR`
// moves all three, as the packaging test does).
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        external,
        input: {
          index: resolve(root, 'main/electron/index.ts'),
          // The engine host runs in an Electron utilityProcess (never on the UI thread).
          'engine-host': resolve(root, 'main/electron/engine-host.ts'),
          // The headless CLI is the same engine, without Electron.
          cli: resolve(root, 'main/cli/redub.ts'),
          // A farm worker's render thread (main/engine/farm/thread-render.ts starts it beside cli.js).
          'farm-render-thread': resolve(root, 'main/engine/farm/render-thread.ts'),
          // The built-in lip-sync's paste threads (main/engine/lipsync/builtin/stage.ts starts them beside cli.js).
          'lipsync-mouth-thread': resolve(root, 'main/engine/lipsync/builtin/mouth-thread.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot be an ES module: emit CommonJS (.cjs, as the package is "type": "module").
      rollupOptions: { input: { index: resolve(root, 'preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    build: {
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
    plugins: [react()],
  },
});

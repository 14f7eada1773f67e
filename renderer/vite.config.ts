import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer alone (browser mode, e2e tests): `vite build --config renderer/vite.config.ts`.
 * Same output as electron-vite's renderer build (out/renderer), without needing Electron.
 */
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  logLevel: 'warn',
  plugins: [react()],
  // Loaded from local disk, never over a network: one bundle is fine, so no size warning.
  build: { outDir: here('../out/renderer'), emptyOutDir: true, chunkSizeWarningLimit: 2048 },
});

/**
 * Electron main process: window, custom protocol, IPC. The API (main/bridge/editor-api) runs
 * here; heavy engine work runs in a utilityProcess (engine-host) reached via engine-proxy.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog, session, shell } from 'electron';
import { EVENT_CHANNEL, type RedubEvent } from '../../common/contract';
import { createEditorApi } from '../bridge/editor-api';
import { FrameCache } from '../bridge/frame-cache';
import { openWorkspace } from '../bridge/open-store';
import { onModelFetch } from '../engine/models/fetch-events';
import { APP_ORIGIN, handleAppProtocol, registerAppScheme } from './app-protocol';
import { createEngineProxy } from './engine-proxy';
import { registerIpc } from './ipc';
import { createEditorWindow } from './window';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const FILTERS = {
  video: [{ name: 'Video', extensions: ['mp4', 'mov', 'm4v', 'mkv', 'webm', 'avi'] }],
  audio: [{ name: 'Audio', extensions: ['wav', 'mp3', 'm4a', 'aac', 'flac', 'ogg', 'opus'] }],
  subtitles: [{ name: 'Subtitles', extensions: ['srt', 'vtt'] }],
  model: [{ name: 'Model file', extensions: ['onnx'] }],
};
const PICK_TITLE = { video: 'Open video', audio: 'Choose dub audio', subtitles: 'Import subtitles', model: 'Import model file' };
const FOLDER_TITLE = { models: 'Choose models folder', output: 'Choose output folder' };

registerAppScheme();
app.enableSandbox();

// Every web contents, present or future: no navigation away, no new windows, no webviews.
app.on('web-contents-created', (_e, contents) => {
  const stay = (e: { preventDefault(): void }, url: string) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) e.preventDefault();
  };
  contents.on('will-navigate', stay);
  contents.on('will-redirect', stay);
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(() => {
  // No camera, microphone, notifications, geolocation… the editor needs none.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const workspace = openWorkspace();
  const frames = new FrameCache();
  const built = (names: string[]) => names.map((n) => here(n)).find((p) => existsSync(p));
  // Assigned once the API exists; the API's callbacks only run after that.
  let win: BrowserWindow | undefined = undefined;
  const toWindow = (event: RedubEvent) => {
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
  };
  // The face models' first-use download, from exports here and previews in the engine host.
  onModelFetch((download) => toWindow({ type: 'modelDownload', download }));
  const engine = createEngineProxy(built(['./engine-host.js', './engine-host.mjs']) ?? here('./engine-host.js'), {
    onModelFetch: (download) => toWindow({ type: 'modelDownload', download }),
  });

  const api = createEditorApi(workspace, engine, {
    mode: 'electron',
    version: app.getVersion(),
    frames,
    emit: toWindow,
    pickFile: async (kind) => {
      if (!win) return null;
      const r = await dialog.showOpenDialog(win, { title: PICK_TITLE[kind], properties: ['openFile'], filters: FILTERS[kind] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    showFile: async (path, action) => {
      if (action === 'reveal') return shell.showItemInFolder(path);
      const failed = await shell.openPath(path);
      if (failed) throw new Error(`${path}: ${failed}`);
    },
    pickFolder: async (purpose) => {
      if (!win) return null;
      const r = await dialog.showOpenDialog(win, { title: FOLDER_TITLE[purpose], properties: ['openDirectory', 'createDirectory'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  });

  handleAppProtocol({ findMedia: (id) => workspace.findMedia(id), frames, rendererDir: here('../renderer') });
  registerIpc(api);
  // A sandboxed preload must be CommonJS: electron-vite emits index.mjs for "type": "module"
  // packages unless the preload output format is set to cjs (see the editor notes).
  const preload = built(['../preload/index.cjs', '../preload/index.js', '../preload/index.mjs']);
  if (!preload) throw new Error('preload script not built: run npm run build');
  win = createEditorWindow(preload);

  app.on('second-instance', () => win?.focus());
  app.on('window-all-closed', () => {
    engine.dispose();
    // Closing releases each project's lock and takes its rolling backup.
    void workspace.close().finally(() => app.quit());
  });
});

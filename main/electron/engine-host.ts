/**
 * Runs in an Electron utilityProcess: ffmpeg decoding, probing and (later) lip-sync inference
 * happen here, never on the main process (which must stay responsive to the window).
 * Protocol: { id, method, args } in; { id, ok, result } or { id, ok: false, error } out, and
 * { event: 'modelFetch', progress } whenever the engine downloads a model by itself.
 */
import { createLocalEngine } from '../bridge/local-engine';
import type { EditorEngine } from '../bridge/engine-port';
import { isRedubError } from '../engine/errors';
import { onModelFetch } from '../engine/models/fetch-events';
import { configureEngine } from '../engine/settings';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export interface EngineRequest {
  id: number;
  method: keyof EditorEngine;
  args: unknown[];
}

const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!port) throw new Error('engine-host must run in an Electron utilityProcess');

const engine: EditorEngine = {
  ...createLocalEngine(),
  // The models folder the user chose in the editor (the main process remembers it).
  setModelsDir: async (dir) => void configureEngine({ modelsDir: dir }),
};
// A preview may be the first use of the face models: their download progress goes to the main process.
onModelFetch((progress) => port.postMessage({ event: 'modelFetch', progress }));
const METHODS = new Set<string>([
  'describeMedia',
  'extractFrame',
  'waveformPeaks',
  'renderLipsyncFrame',
  'warmPreview',
  'releasePreview',
  'setModelsDir',
  'describeSpeakers',
]);

port.on('message', async ({ data }) => {
  const { id, method, args } = data as EngineRequest;
  try {
    if (!METHODS.has(method)) throw new Error(`unknown engine method ${String(method)}`);
    const fn = engine[method] as (...a: unknown[]) => Promise<unknown>;
    port.postMessage({ id, ok: true, result: await fn(...args) });
  } catch (e) {
    const code = isRedubError(e) ? e.code : 'INTERNAL';
    port.postMessage({ id, ok: false, error: { code, message: e instanceof Error ? e.message : String(e) } });
  }
});

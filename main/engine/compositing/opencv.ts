import { createRequire } from 'node:module';
import { RedubError } from '../errors';

/** The OpenCV.js namespace (WASM); its typings are loose, so the engine keeps them in here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Cv = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Mat = any;

const nodeRequire = createRequire(import.meta.url);
const INIT_TIMEOUT_MS = 30_000;
let ready: Promise<Cv> | undefined;

/**
 * Node's own require, not the bundler's import: a transformed import can hand back a copy of
 * the UMD module that never hears its runtime start. The module is also a "thenable"
 * (Emscripten's `then`), which would make any Promise resolving to it recurse forever, so
 * `then` is removed once the runtime is up.
 */
function initialise(): Promise<Cv> {
  const mod = nodeRequire('@techstark/opencv-js') as Cv;
  return new Promise((resolve) => {
    const done = () => {
      delete mod.then;
      resolve(mod);
    };
    if (mod.Mat) done();
    else mod.onRuntimeInitialized = done;
  });
}

/** Loads OpenCV.js once (about 0.4 s); every compositing call awaits this first. */
export function loadOpenCv(): Promise<Cv> {
  ready ??= Promise.race([
    initialise(),
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new RedubError('INVALID_ARGUMENT', 'OpenCV.js did not initialise within 30 s (reinstall with `npm run setup`)')),
        INIT_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
  return ready;
}

/**
 * Runs fn with a list that collects every Mat it makes, and frees them all afterwards:
 * OpenCV.js memory lives in the WASM heap, outside the garbage collector's reach.
 */
export function withMats<T>(fn: (track: <M extends Mat>(m: M) => M) => T): T {
  const mats: Mat[] = [];
  try {
    return fn((m) => (mats.push(m), m));
  } finally {
    for (const m of mats) if (!m.isDeleted()) m.delete();
  }
}

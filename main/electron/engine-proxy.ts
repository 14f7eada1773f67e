import { utilityProcess, type UtilityProcess } from 'electron';
import type { EditorEngine } from '../bridge/engine-port';
import { RedubError, type RedubErrorCode } from '../engine/errors';
import type { ModelFetchProgress } from '../engine/models/fetch-events';
import { engineSettings } from '../engine/settings';

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { code: string; message: string } };
type HostEvent = { event: 'modelFetch'; progress: ModelFetchProgress };

export interface EngineProxyOptions {
  /** A model the host downloads by itself (first use of the face models). */
  onModelFetch?(progress: ModelFetchProgress): void;
}

/**
 * The main process's handle on the engine host: same EditorEngine interface, each call a
 * message. The host is restarted on the next call if it died (a crashed decoder must not
 * take the editor with it).
 */
export function createEngineProxy(hostPath: string, options: EngineProxyOptions = {}): EditorEngine & { dispose(): void } {
  let child: UtilityProcess | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  const host = (): UtilityProcess => {
    if (child) return child;
    // A restarted host starts with the models folder the user chose (setModelsDir tells a running one).
    const env = { ...process.env, REDUB_MODELS_DIR: engineSettings().modelsDir };
    const c = utilityProcess.fork(hostPath, [], { serviceName: 'Redub engine', stdio: 'inherit', env });
    c.on('message', (m) => {
      if ((m as HostEvent).event === 'modelFetch') return options.onModelFetch?.((m as HostEvent).progress);
      const reply = m as Reply;
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new RedubError(reply.error.code as RedubErrorCode, reply.error.message));
    });
    c.on('exit', (code) => {
      child = undefined;
      for (const p of pending.values()) p.reject(new Error(`the engine process exited (code ${code})`));
      pending.clear();
    });
    return (child = c);
  };

  const call = <T>(method: keyof EditorEngine, ...args: unknown[]): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      host().postMessage({ id, method, args });
    });

  return {
    describeMedia: (path, role) => call('describeMedia', path, role),
    extractFrame: (path, time, maxWidth) => call('extractFrame', path, time, maxWidth),
    waveformPeaks: (path, pps) => call('waveformPeaks', path, pps),
    renderLipsyncFrame: (req) => call('renderLipsyncFrame', req),
    warmPreview: (req) => call('warmPreview', req),
    releasePreview: (projectId) => call('releasePreview', projectId),
    setModelsDir: (dir) => call('setModelsDir', dir),
    describeSpeakers: (videoPath) => call('describeSpeakers', videoPath),
    dispose: () => child?.kill(),
  };
}

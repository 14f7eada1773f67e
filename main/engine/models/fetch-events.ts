/**
 * Progress of the downloads the engine starts by itself (models fetched on first use). The
 * hosts show it: the CLI as a line on stderr, the editor as `modelDownload` events for the
 * Models panel. Same shape as the editor's ModelDownload.
 */
export interface ModelFetchProgress {
  name: string;
  state: 'running' | 'done' | 'failed';
  received: number;
  total: number | null;
  error: string | null;
}

export type ModelFetchListener = (p: ModelFetchProgress) => void;

const listeners = new Set<ModelFetchListener>();

/** Subscribes; returns the unsubscribe. */
export function onModelFetch(listener: ModelFetchListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitModelFetch(p: ModelFetchProgress): void {
  for (const l of listeners) l(p);
}

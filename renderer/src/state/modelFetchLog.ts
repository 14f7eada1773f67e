import { useSyncExternalStore } from 'react';
import type { RedubBridge } from '../../../common/contract';
import type { ModelDownload } from '../../../common/domain';

/**
 * The last download state of each model, kept from the start of the page: the engine's own
 * first-use fetch may fail (offline) before any panel that wants to say so is on screen.
 */
let last: Record<string, ModelDownload> = {};
const listeners = new Set<() => void>();

export function trackModelFetches(api: RedubBridge): void {
  api.onEvent((e) => {
    if (e.type !== 'modelDownload') return;
    last = { ...last, [e.download.name]: e.download };
    for (const l of listeners) l();
  });
}

export function useModelFetches(): Record<string, ModelDownload> {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => last,
  );
}

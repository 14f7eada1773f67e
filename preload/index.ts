/**
 * The only bridge between the sandboxed renderer and the app: one function per contract call
 * (each an ipcRenderer.invoke on its channel), an event subscription, nothing else.
 * No Node, no ipcRenderer, no arbitrary channels reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES, channelOf, EVENT_CHANNEL, type Envelope, type RedubEvent } from '../common/contract';

const bridge: Record<string, unknown> = {
  onEvent(listener: (event: RedubEvent) => void) {
    const handler = (_e: unknown, event: unknown) => listener(event as RedubEvent);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
  // redub://app/ serves media and frames at the same paths as the bridge server.
  resolveUrl: (path: string) => path,
};

for (const name of CALL_NAMES) {
  bridge[name] = async (args: unknown) => {
    const env = (await ipcRenderer.invoke(channelOf(name), args ?? {})) as Envelope<unknown>;
    if (!env.ok) throw new Error(env.error.message);
    return env.result;
  };
}

contextBridge.exposeInMainWorld('redub', bridge);

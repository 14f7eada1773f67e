import type { RedubBridge } from '../../../common/contract';
import { createBrowserBridge, tokenFromFragment } from './browser-client';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in browser mode. */
    redub?: RedubBridge;
  }
}

let bridge: RedubBridge | undefined;

/** The host bridge: Electron's preload when present, else the local bridge server. */
export function getBridge(): RedubBridge {
  if (bridge) return bridge;
  if (window.redub) return (bridge = window.redub);
  const token = tokenFromFragment();
  if (!token) throw new Error('No session token: open the URL that `npm start` printed.');
  return (bridge = createBrowserBridge(token));
}

import { useEffect, useState } from 'react';
import type { RedubBridge } from '../../../common/contract';

/** The playhead has to rest this long before the background render moves to it. */
const SETTLE_MS = 1000;
const KEY = 'redub.autoRender';

function storedChoice(): boolean {
  try {
    return localStorage.getItem(KEY) !== 'off';
  } catch {
    return true;
  }
}

/** The "Auto-render" switch, remembered in this browser / app profile (on by default). */
export function useAutoRender(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(storedChoice);
  const set = (v: boolean) => {
    setOn(v);
    try {
      localStorage.setItem(KEY, v ? 'on' : 'off');
    } catch {
      /* storage disabled: the choice lasts for this session */
    }
  };
  return [on, set];
}

/**
 * Background rendering the NLE way: once the playhead rests (paused, on the B monitor), the host
 * renders the chunks from there on; a jump or an edit (a new revisionKey) moves it.
 */
export function useBackgroundRender(
  api: RedubBridge,
  projectId: string | null,
  language: string | null,
  time: number,
  playing: boolean,
  enabled: boolean,
  revisionKey: string,
): void {
  useEffect(() => {
    if (!enabled || playing || !projectId || !language) return;
    const timer = window.setTimeout(() => void api.renderAround({ projectId, language, time }).catch(() => undefined), SETTLE_MS);
    return () => window.clearTimeout(timer);
  }, [api, projectId, language, time, playing, enabled, revisionKey]);
}

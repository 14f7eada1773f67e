import { useEffect, useState } from 'react';
import type { RedubBridge } from '../../../common/contract';
import type { RenderChunk, RenderState } from '../../../common/render-state';

/**
 * A language's render bar as the host reports it: read once per project / language / edit,
 * then kept current by `renderState` events (a chunk finished, went stale, a render started).
 * After missed events (reconnect) it is read again.
 */
export function useRenderState(api: RedubBridge, projectId: string | null, language: string | null, revisionKey: string) {
  const [state, setState] = useState<RenderState | null>(null);
  useEffect(() => {
    if (!projectId || !language) return;
    let live = true;
    const read = () =>
      api.getRenderState({ projectId, language }).then(
        (s) => live && setState(s),
        () => live && setState(null),
      );
    const off = api.onEvent((e) => {
      if (e.type === 'renderState' && e.state.projectId === projectId && e.state.language === language) setState(e.state);
      if (e.type === 'resync') void read();
    });
    void read();
    return () => {
      live = false;
      off();
    };
  }, [api, projectId, language, revisionKey]);
  return state?.projectId === projectId && state.language === language ? state : null;
}

/** The chunk under time `t` (seconds), if any. */
export const chunkAt = (state: RenderState | null, t: number): RenderChunk | undefined =>
  state?.chunks.find((c) => t >= c.start && t < c.end);

import { useEffect, useRef, useState } from 'react';
import { useResetOn } from './useDerivedState';
import type { RedubBridge } from '../../../common/contract';
import type { PreviewFrame, PreviewStage } from '../../../common/domain';

export interface Preview {
  frame: PreviewFrame | null;
  lipsync: PreviewStage | null;
}

/**
 * While paused, asks the engine for the frame under the playhead: the original comes back at
 * once, the lip-synced one later as an event with the same requestId. Requests are debounced
 * so scrubbing does not queue a decode per mouse move.
 */
export function usePreviewFrame(
  api: RedubBridge,
  projectId: string | null,
  time: number,
  active: boolean,
  language: string | null,
  revisionKey: string,
): Preview {
  const [frame, setFrame] = useState<PreviewFrame | null>(null);
  const [lipsync, setLipsync] = useState<PreviewStage | null>(null);
  const latest = useRef<string | null>(null);
  // Events and answers travel on different channels: the event may beat the answer that
  // names its requestId, so recent ones are kept until the answer arrives.
  const early = useRef(new Map<string, PreviewStage>());

  useEffect(
    () =>
      api.onEvent((e) => {
        if (e.type !== 'previewFrame') return;
        if (e.requestId === latest.current) return setLipsync(e.lipsync);
        early.current.set(e.requestId, e.lipsync);
        if (early.current.size > 32) early.current.delete(early.current.keys().next().value as string);
      }),
    [api],
  );

  useEffect(() => {
    if (!projectId || !active) return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      api.renderPreviewFrame({ projectId, time, language }).then(
        (f) => {
          if (cancelled) return;
          latest.current = f.requestId;
          setFrame(f);
          setLipsync(early.current.get(f.requestId) ?? f.lipsync);
          early.current.delete(f.requestId);
        },
        () => undefined,
      );
    }, 90);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [api, projectId, time, active, language, revisionKey]);

  useResetOn(projectId, () => {
    setFrame(null);
    setLipsync(null);
  });

  return { frame, lipsync };
}

import { useEffect, useRef } from 'react';
import type { RedubBridge } from '../../../common/contract';
import type { RenderChunk, RenderState } from '../../../common/render-state';
import { useLatest } from '../state/useDerivedState';
import './render.css';

interface Props {
  api: RedubBridge;
  state: RenderState | null;
  master: React.RefObject<HTMLVideoElement | null>;
  /** Playing forwards on the B monitor. */
  active: boolean;
  /** Whether a rendered (lip-synced) frame is on screen now; called on changes only. */
  onShowing(showing: boolean): void;
}

/** Drift past this (s) is corrected by a seek. */
const MAX_DRIFT = 0.12;
/** The next chunk is loaded this long (s) before the current one ends, so the switch is seamless. */
const PRELOAD = 0.6;

const renderedAt = (state: RenderState | null, t: number): RenderChunk | undefined =>
  state?.chunks.find((c) => c.state === 'rendered' && c.url && t >= c.start && t < c.end);

/**
 * Lip-synced playback: over a rendered chunk the chunk's own video (the export's pixels) plays on
 * top of the source, in step with it; elsewhere the source shows. Two elements take turns, the
 * idle one loading the next chunk ahead of the border.
 */
export function RenderedPlayback({ api, state, master, active, onShowing }: Props) {
  const first = useRef<HTMLVideoElement>(null);
  const second = useRef<HTMLVideoElement>(null);
  const current = useRef(0);
  const showing = useRef(false);
  const stateRef = useLatest(state);
  const report = useLatest(onShowing);

  useEffect(() => {
    const els = [first.current, second.current];
    const hideAll = () => {
      for (const el of els) {
        el?.classList.remove('showing');
        el?.pause();
      }
      if (showing.current) report.current((showing.current = false));
    };
    if (!active) return hideAll();
    let raf = 0;
    const load = (el: HTMLVideoElement, c: RenderChunk) => {
      if (el.dataset.url === c.url) return;
      el.dataset.url = c.url!;
      el.dataset.start = String(c.start);
      el.src = api.resolveUrl(c.url!);
    };
    const loop = () => {
      raf = requestAnimationFrame(loop);
      const m = master.current;
      const [a, b] = els;
      if (!m || !a || !b) return;
      const t = m.currentTime;
      const c = renderedAt(stateRef.current, t);
      if (!c) return hideAll();
      let cur = els[current.current]!;
      const other = els[1 - current.current]!;
      if (cur.dataset.url !== c.url) {
        if (other.dataset.url === c.url) current.current = 1 - current.current;
        else load(cur, c);
        cur = els[current.current]!;
      }
      const idle = els[1 - current.current]!;
      const want = t - c.start;
      if (Math.abs(cur.currentTime - want) > MAX_DRIFT) cur.currentTime = want;
      cur.playbackRate = m.playbackRate;
      if (cur.paused) void cur.play().catch(() => undefined);
      const ready = cur.readyState >= 2 && !cur.seeking;
      cur.classList.toggle('showing', ready);
      idle.classList.remove('showing');
      if (!idle.paused) idle.pause();
      if (ready !== showing.current) report.current((showing.current = ready));
      const next = stateRef.current?.chunks.find((x) => x.startFrame === c.endFrame && x.state === 'rendered' && x.url);
      // A freshly loaded element waits at its first frame.
      if (next && c.end - t < PRELOAD) load(idle, next);
    };
    raf = requestAnimationFrame(loop);
    return () => {
      cancelAnimationFrame(raf);
      hideAll();
    };
  }, [active, api, master, stateRef, report]);

  return (
    <>
      <video ref={first} className="rendered-video" muted playsInline preload="auto" aria-label="Rendered preview" />
      <video ref={second} className="rendered-video" muted playsInline preload="auto" aria-label="Rendered preview (next)" />
    </>
  );
}

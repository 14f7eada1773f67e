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

/** The next chunk is loaded this long (s) before the current one ends, so the switch is seamless. */
const PRELOAD = 0.6;
/** The rendered picture counts as the master's frame within this drift (s): five frames at 25 fps. */
const SHOW_DRIFT = 0.2;
/** Past this drift (s) a seek is quicker than catching up; below it the rate is nudged. */
const SEEK_DRIFT = 0.5;
/**
 * A seek lands this far (s) ahead of the master, which then catches up while the element waits
 * paused on that frame: seeking to "now" would always arrive late and seek again.
 */
const LEAD = 0.25;

/**
 * Keeps a chunk's element in step with the master at `want` (seconds into the chunk); true when
 * its picture is the master's frame (within SHOW_DRIFT), false while it seeks, loads or waits.
 * Small drift (a busy machine, a screenshot) is absorbed by playing a little faster or slower.
 */
function inStep(el: HTMLVideoElement, want: number, rate: number): boolean {
  if (el.seeking || el.readyState < 2) return false;
  const drift = el.currentTime - want;
  if (Math.abs(drift) > SEEK_DRIFT || (el.paused && drift < -SHOW_DRIFT)) {
    el.pause();
    el.currentTime = want + LEAD * rate;
    return false;
  }
  if (el.paused) {
    // Ahead: wait on that frame until the master reaches it.
    if (drift > 1 / 50) return false;
    void el.play().catch(() => undefined);
  }
  el.playbackRate = rate * (drift < -0.04 ? 1.15 : drift > 0.04 ? 0.87 : 1);
  return Math.abs(drift) <= SHOW_DRIFT;
}

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
    let raf = 0;
    const load = (el: HTMLVideoElement, c: RenderChunk) => {
      if (el.dataset.url === c.url) return;
      el.dataset.url = c.url!;
      el.dataset.start = String(c.start);
      el.src = api.resolveUrl(c.url!);
    };
    /** Paused over a rendered chunk: its element waits, hidden, on the playhead's frame, so Play is in step at once. */
    const cue = (m: HTMLVideoElement) => {
      hideAll();
      const c = renderedAt(stateRef.current, m.currentTime);
      const el = els[current.current];
      if (!c || !el) return;
      load(el, c);
      const want = m.currentTime - c.start;
      if (!el.seeking && Math.abs(el.currentTime - want) > 0.02) el.currentTime = want;
    };
    const loop = () => {
      raf = requestAnimationFrame(loop);
      const m = master.current;
      const [a, b] = els;
      if (!m || !a || !b) return;
      if (!active) return cue(m);
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
      idle.classList.remove('showing');
      if (!idle.paused) idle.pause();
      const ready = inStep(cur, t - c.start, m.playbackRate);
      cur.classList.toggle('showing', ready);
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

import { memo } from 'react';
import type { RenderState } from '../../../common/render-state';
import { formatTime } from '../format';
import { toPx } from '../timeline-time';
import './render.css';

const LABEL = { rendered: 'Rendered', stale: 'Stale — an edit changed it', none: 'Not rendered' } as const;

/**
 * The render bar under the ruler, as in an NLE: per chunk of the B monitor's language, green
 * where its lip-synced chunk exists, amber where only an older render of that stretch does (an
 * edit changed it), grey where nothing is rendered. Drawn from the host's chunk files.
 */
export const RenderBar = memo(function RenderBar({ state, zoom }: { state: RenderState | null; zoom: number }) {
  if (!state) return null;
  const r = state.rendering;
  return (
    <div className="render-bar" role="group" aria-label={`Render bar (${state.language})`}>
      {state.chunks.map((c) => (
        <div
          key={c.startFrame}
          className={`render-chunk ${c.state}`}
          data-state={c.state}
          data-start={c.start}
          data-end={c.end}
          style={{ left: toPx(c.start, zoom), width: Math.max(1, toPx(c.end - c.start, zoom) - 1) }}
          title={`${LABEL[c.state]}: ${formatTime(c.start)} – ${formatTime(c.end)}`}
        />
      ))}
      {r && (
        <div
          className="render-chunk rendering"
          aria-label={`Rendering ${formatTime(r.start)} – ${formatTime(r.end)}`}
          style={{ left: toPx(r.start, zoom), width: toPx(r.end - r.start, zoom) * Math.max(0.02, r.progress) }}
        />
      )}
    </div>
  );
});

interface ControlsProps {
  state: RenderState | null;
  canRenderRange: boolean;
  autoRender: boolean;
  onAutoRender(on: boolean): void;
  onRenderRange(): void;
  onStop(): void;
}

function summary(state: RenderState): string {
  if (state.error) return `Render stopped — ${state.error}`;
  if (state.rendering)
    return `Rendering ${formatTime(state.rendering.start)} – ${formatTime(state.rendering.end)} · ${Math.round(state.rendering.progress * 100)} %`;
  const n = state.chunks.length;
  const done = state.chunks.filter((c) => c.state === 'rendered').length;
  const stale = state.chunks.filter((c) => c.state === 'stale').length;
  return `${state.language}: ${done} of ${n} chunks rendered${stale ? ` · ${stale} stale` : ''}`;
}

/** "Render In to Out" (Enter), the background render switch and what the render is doing. */
export function RenderControls({ state, canRenderRange, autoRender, onAutoRender, onRenderRange, onStop }: ControlsProps) {
  return (
    <span className="render-controls">
      <button
        type="button"
        className="btn small"
        disabled={!canRenderRange || !state}
        onClick={onRenderRange}
        title={canRenderRange ? 'Render In to Out, lip-synced (Enter)' : 'Set In (I) and Out (O) first'}
      >
        Render In to Out
      </button>
      {state?.rendering && (
        <button type="button" className="btn small" onClick={onStop}>
          Stop
        </button>
      )}
      <label className="auto-render" title="Render lip-sync in the background near the playhead">
        <input type="checkbox" checked={autoRender} onChange={(e) => onAutoRender(e.target.checked)} /> Auto-render
      </label>
      {state && (
        <span
          className={`render-status ${state.error ? 'error' : ''}`}
          aria-live="polite"
          data-testid="render-status"
          data-mode={state.mode ?? 'idle'}
        >
          {summary(state)}
        </span>
      )}
    </span>
  );
}

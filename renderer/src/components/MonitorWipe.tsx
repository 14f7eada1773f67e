import type { KeyboardEvent, PointerEvent } from 'react';
import './wipe.css';

interface Props {
  /** Where the divider is, 0 (all B) … 1 (all A): the original shows left of it, the dub right. */
  split: number;
  onSplit(split: number): void;
  /** The B language's code, for its label (e.g. "ES"). */
  language: string;
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));
/** One arrow press moves the divider this far; with Shift, a fifth of it (fine placement over a mouth). */
const STEP = 0.05;

/**
 * The A|B wipe's divider and labels, drawn over the screen. The pictures themselves are the A and B
 * views' own (Player.tsx): the original under, B on top clipped at `--wipe` (wipe.css).
 */
export function MonitorWipe({ split, onSplit, language }: Props) {
  const at = (e: PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.parentElement!.getBoundingClientRect();
    onSplit(clamp((e.clientX - r.left) / r.width));
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? STEP / 5 : STEP;
    const next =
      e.key === 'ArrowLeft' ? split - step : e.key === 'ArrowRight' ? split + step : e.key === 'Home' ? 0 : e.key === 'End' ? 1 : null;
    if (next === null) return;
    e.preventDefault();
    onSplit(clamp(next));
  };
  const percent = Math.round(split * 100);
  return (
    <div className="wipe-layer">
      <span className="tag tag-b wipe-label-b">B · {language.toUpperCase()}</span>
      <div
        className="wipe-divider"
        style={{ left: `${split * 100}%` }}
        role="slider"
        data-owns-arrows
        tabIndex={0}
        aria-label="Wipe divider"
        aria-orientation="horizontal"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% original`}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          at(e);
        }}
        onPointerMove={(e) => e.currentTarget.hasPointerCapture(e.pointerId) && at(e)}
        onKeyDown={onKey}
      />
    </div>
  );
}

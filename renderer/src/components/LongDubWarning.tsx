import { MISMATCH_POLICIES, type DubClip } from '../../../common/domain';
import { formatTime } from '../format';
import { timeOfFrame, toPx } from '../timeline-time';
import { longDubEffect, MISMATCH_LABEL } from './mismatch';
import './timeline-marks.css';

interface Props {
  clip: DubClip;
  /** "Spanish clip 1": names the control. */
  name: string;
  /** The clip's trimmed length and its slot (start → next clip or the video's end), seconds. */
  length: number;
  slot: number;
  videoEnd: number;
  zoom: number;
  onMismatch(id: string, mismatch: DubClip['mismatch']): void;
}

/**
 * The part of a dub clip past the video's end, hatched as a warning, with the clip's mismatch
 * mode right there: a long dub is never cut silently. Its tooltip says what the export will do.
 */
export function LongDubWarning({ clip, name, length, slot, videoEnd, zoom, onMismatch }: Props) {
  const over = clip.start + length - videoEnd;
  const effect = longDubEffect(clip.mismatch, length, slot, over);
  const title = `${name} runs ${over.toFixed(1)} s past the video's end (${formatTime(videoEnd)}). ${effect}`;
  return (
    <div
      className="long-dub"
      role="group"
      aria-label={`${name} is longer than the video`}
      title={title}
      data-over={over.toFixed(2)}
      style={{ left: toPx(videoEnd, zoom), width: toPx(over, zoom) }}
    >
      <span className="long-dub-ctl" title={title} onPointerDown={(e) => e.stopPropagation()} onClick={(e) => e.stopPropagation()}>
        <span className="long-dub-text">⚠ +{over.toFixed(1)} s past the end</span>
        <select
          aria-label={`When ${name} is longer than the video`}
          value={clip.mismatch}
          onChange={(e) => onMismatch(clip.id, e.target.value as DubClip['mismatch'])}
        >
          {MISMATCH_POLICIES.map((m) => (
            <option key={m} value={m}>
              {MISMATCH_LABEL[m]}
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}

/** Seconds a clip runs past the video's end; 0 within half a frame (a dub cut to the video's length). */
export function overrun(clip: DubClip, length: number, videoEnd: number, fps: number): number {
  const over = clip.start + length - videoEnd;
  return over > timeOfFrame(0.5, fps) ? over : 0;
}

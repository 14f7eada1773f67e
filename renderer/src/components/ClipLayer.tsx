import { memo, useState } from 'react';
import type { DubClip } from '../../../common/domain';
import { withAlpha } from './emotion';
import { LongDubWarning, overrun } from './LongDubWarning';
import { speakerColor } from './speakers/colors';
import { clipLength, timeAtPointer, toPx, toSeconds } from '../timeline-time';

interface Props {
  trackName: string;
  clips: DubClip[];
  zoom: number;
  color: string;
  selectedClipId: string | null;
  onSelectClip(id: string): void;
  /** A horizontal drag ended: the clip's new timeline start (s). */
  onMoveClip(id: string, start: number): void;
  /** Where the video ends (s) and its frame rate: a clip past the end is shown as a warning. */
  videoEnd: number;
  fps: number;
  onMismatch(id: string, mismatch: DubClip['mismatch']): void;
  /** A click on a block selects it and moves the playhead to the click. */
  onSeek(t: number): void;
}

/** Under this many px of pointer travel a press is a click (select), not a drag (move). */
const DRAG_THRESHOLD = 3;

/**
 * A dub lane's clips as blocks over its waveform (a whole-file dub is one block). Like the
 * segment layer: plain positioned elements, one render per project or zoom change. A drag only
 * moves the block locally and commits once on release, so one drag is one undo step.
 */
export const ClipLayer = memo(function ClipLayer(props: Props) {
  const { trackName, clips, zoom, color, selectedClipId, onSelectClip, onMoveClip, videoEnd, fps } = props;
  return (
    <div className="clip-layer">
      {clips.map((c, i) => {
        const over = overrun(c, clipLength(c), videoEnd, fps);
        return (
          <ClipBlock
            key={c.id}
            clip={c}
            index={i}
            trackName={trackName}
            zoom={zoom}
            color={color}
            long={over > 0}
            selected={c.id === selectedClipId}
            onSelect={onSelectClip}
            onMove={onMoveClip}
            onSeek={props.onSeek}
          />
        );
      })}
      {clips.map((c, i) =>
        overrun(c, clipLength(c), videoEnd, fps) > 0 ? (
          <LongDubWarning
            key={c.id}
            clip={c}
            name={`${trackName} clip ${i + 1}`}
            length={clipLength(c)}
            slot={slotEnd(clips, c, videoEnd) - c.start}
            videoEnd={videoEnd}
            zoom={zoom}
            onMismatch={props.onMismatch}
          />
        ) : null,
      )}
    </div>
  );
});

/** Where a clip's slot ends: the next clip of its track, or the video's end (engine: clip-fit.ts slotEnds). */
function slotEnd(clips: DubClip[], clip: DubClip, videoEnd: number): number {
  const next = clips.filter((o) => o !== clip && o.start > clip.start).map((o) => o.start);
  return Math.min(videoEnd, ...next);
}

interface BlockProps {
  clip: DubClip;
  index: number;
  trackName: string;
  zoom: number;
  color: string;
  selected: boolean;
  long: boolean;
  onSelect(id: string): void;
  onMove(id: string, start: number): void;
  onSeek(t: number): void;
}

function ClipBlock({ clip, index, trackName, zoom, color, selected, long, onSelect, onMove, onSeek }: BlockProps) {
  const [drag, setDrag] = useState<{ x0: number; dx: number } | null>(null);
  const dx = drag?.dx ?? 0;
  // The speaker whose face the clip drives, as a coloured foot (none: the main speaker).
  const speaker = speakerColor(clip.speaker);
  return (
    <div
      role="button"
      tabIndex={0}
      className={`clip-block${selected ? ' on' : ''}${long ? ' long' : ''}${drag && Math.abs(dx) > DRAG_THRESHOLD ? ' dragging' : ''}`}
      aria-label={`${trackName} clip ${index + 1}, starts at ${clip.start.toFixed(2)} s`}
      aria-pressed={selected}
      style={{
        left: toPx(clip.start, zoom) + dx,
        width: Math.max(2, toPx(clipLength(clip), zoom)),
        borderColor: withAlpha(color, selected ? 1 : 0.7),
        background: withAlpha(color, selected ? 0.22 : 0.08),
      }}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        setDrag({ x0: e.clientX, dx: 0 });
      }}
      onPointerMove={(e) => drag && setDrag({ x0: drag.x0, dx: e.clientX - drag.x0 })}
      onPointerUp={(e) => {
        const moved = drag ? e.clientX - drag.x0 : 0;
        setDrag(null);
        onSelect(clip.id);
        if (Math.abs(moved) > DRAG_THRESHOLD) onMove(clip.id, Math.max(0, +(clip.start + toSeconds(moved, zoom)).toFixed(3)));
        else onSeek(timeAtPointer(e, e.currentTarget, zoom, clip.start));
      }}
      onPointerCancel={() => setDrag(null)}
      onKeyDown={(e) => e.key === 'Enter' && onSelect(clip.id)}
    >
      {speaker && <span className="speaker-mark" data-speaker={clip.speaker} style={{ background: speaker }} />}
      {toPx(clipLength(clip), zoom) >= 60 && (
        <span className="clip-label" style={{ color }}>
          {trackName} {index + 1}
          {clip.gainDb !== 0 ? ` · ${clip.gainDb > 0 ? '+' : ''}${clip.gainDb} dB` : ''}
        </span>
      )}
    </div>
  );
}

import { memo } from 'react';
import type { Segment } from '../../../common/domain';
import { EMOTION_STYLE, withAlpha } from './emotion';
import { speakerColor } from './speakers/colors';
import { timeAtPointer, toPx } from '../timeline-time';

interface Props {
  segments: Segment[];
  zoom: number;
  selectedSegmentId: string | null;
  onSeek(t: number): void;
  onSelectSegment(id: string): void;
}

/** Below this width a segment shows only its colour (a label would be unreadable anyway). */
const MIN_LABEL_PX = 44;

/**
 * Segments over the source waveform, as plain positioned elements in the app's own DOM.
 * (wavesurfer's regions plugin lays out every label against every other one as each region is
 * added: with 500 segments the timeline took seconds to appear.) One render per project or zoom
 * change, never per playhead move; a click selects the segment and moves the playhead there.
 */
export const SegmentLayer = memo(function SegmentLayer({ segments, zoom, selectedSegmentId, onSeek, onSelectSegment }: Props) {
  return (
    <div className="segment-layer">
      {segments.map((s, i) => {
        const style = EMOTION_STYLE[s.emotionTemplate];
        const selected = s.id === selectedSegmentId;
        const width = toPx(s.end - s.start, zoom);
        return (
          <div
            key={s.id}
            role="button"
            tabIndex={0}
            className={`segment-region${selected ? ' on' : ''}`}
            aria-label={`Segment ${i + 1}, ${s.start.toFixed(2)} to ${s.end.toFixed(2)} s, ${style.label}`}
            aria-pressed={selected}
            style={{
              left: toPx(s.start, zoom),
              width,
              background: withAlpha(style.color, selected ? 0.3 : 0.12),
              borderLeftColor: withAlpha(style.color, 0.9),
              // At hour-long fit zoom a segment is a few px: a thin edge keeps its colour readable.
              borderLeftWidth: width < 8 ? 1 : undefined,
              boxShadow: selected ? `inset 0 0 0 1px ${style.color}` : undefined,
            }}
            onClick={(e) => {
              onSelectSegment(s.id);
              onSeek(timeAtPointer(e, e.currentTarget, zoom, s.start));
            }}
            onKeyDown={(e) => e.key === 'Enter' && onSelectSegment(s.id)}
          >
            {s.speaker && <span className="speaker-mark" data-speaker={s.speaker} style={{ background: speakerColor(s.speaker)! }} />}
            {width >= MIN_LABEL_PX && (
              <span className="region-label" style={{ color: style.color }}>
                {i + 1} · {style.label}
                {s.lipsyncEnabled ? '' : ' · no lip-sync'}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
});

import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import type { RedubBridge } from '../../../common/contract';
import type { DubClip, ProjectView } from '../../../common/domain';
import { formatTime } from '../format';
import { ClipLayer } from './ClipLayer';
import { Icon } from './Icon';
import { SegmentLayer } from './SegmentLayer';
import { TrackLane } from './TrackLane';
import { MAX_ZOOM, MIN_ZOOM, clipLength, clipMediaOrigin, timeAtPointer, toPx, videoEndOf, zoomToFit } from '../timeline-time';

interface Props {
  api: RedubBridge;
  project: ProjectView;
  time: number;
  playing: boolean;
  zoom: number;
  onZoom(pxPerSec: number): void;
  /** Reports the px/s that fits the whole project in view (for "Fit" and the initial zoom). */
  onFitZoom(pxPerSec: number): void;
  inPoint: number | null;
  outPoint: number | null;
  selectedSegmentId: string | null;
  selectedClipId: string | null;
  onSeek(t: number): void;
  onSelectSegment(id: string): void;
  onSelectClip(id: string): void;
  onMoveClip(id: string, start: number): void;
  /** A clip's mismatch mode, chosen on the timeline (the long-dub warning). */
  onClipMismatch(id: string, mismatch: DubClip['mismatch']): void;
  onSplit(): void;
  /** "Render In to Out" and the render status, in the toolbar. */
  renderControls?: ReactNode;
  /** The render bar along the ruler (positioned in timeline pixels). */
  renderBar?: ReactNode;
}

const SOURCE_COLOR = '#4fb3a9';
const DUB_COLORS = ['#e8875b', '#c77dde', '#6aa7f0', '#d9c45b'];

/** Track headers on the left, one scroll area for all lanes on the right, a shared playhead. */
export function Timeline(props: Props) {
  const { api, project, time, playing, zoom, inPoint, outPoint, selectedSegmentId, onSeek, onSelectSegment } = props;
  const { selectedClipId, onSelectClip, onMoveClip, onClipMismatch } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [ruler, setRuler] = useState<HTMLDivElement | null>(null);
  const duration = project.source.duration;
  const width = toPx(Math.max(duration, ...project.dubTracks.flatMap((t) => t.clips.map((c) => c.start + c.mediaDuration))), zoom);
  const onFitZoom = props.onFitZoom;

  useEffect(() => {
    const el = scroller.current;
    if (!el || duration <= 0) return;
    const report = () => onFitZoom(zoomToFit(el.clientWidth - 16, duration));
    report();
    const ro = new ResizeObserver(report);
    ro.observe(el);
    return () => ro.disconnect();
  }, [duration, onFitZoom]);

  // Keep the playhead in view while playing.
  useEffect(() => {
    const el = scroller.current;
    if (!el || !playing) return;
    const x = toPx(time, zoom);
    if (x < el.scrollLeft || x > el.scrollLeft + el.clientWidth - 40) el.scrollLeft = Math.max(0, x - 40);
  }, [time, zoom, playing]);

  return (
    <section className="timeline" aria-label="Timeline">
      <div className="timeline-toolbar">
        <button
          type="button"
          className="btn small"
          onClick={props.onSplit}
          aria-label="Split segment at playhead"
          title="Split segment at playhead (S)"
        >
          <Icon name="scissors" size={15} /> Split
        </button>
        <span className="inout" aria-label="In and out points">
          In <b>{inPoint === null ? '—' : formatTime(inPoint)}</b> · Out <b>{outPoint === null ? '—' : formatTime(outPoint)}</b>
        </span>
        {props.renderControls}
        <span className="spacer" />
        <div className="zoom" role="group" aria-label="Zoom">
          <button
            type="button"
            className="btn icon small"
            aria-label="Zoom out"
            title="Zoom out (-)"
            onClick={() => props.onZoom(zoom / 1.5)}
          >
            <Icon name="minus" size={15} />
          </button>
          <input
            type="range"
            aria-label="Zoom level"
            min={Math.log(MIN_ZOOM)}
            max={Math.log(MAX_ZOOM)}
            step={0.01}
            value={Math.log(zoom)}
            onChange={(e) => props.onZoom(Math.exp(Number(e.target.value)))}
          />
          <button
            type="button"
            className="btn icon small"
            aria-label="Zoom in"
            title="Zoom in (+)"
            onClick={() => props.onZoom(zoom * 1.5)}
          >
            <Icon name="plus" size={15} />
          </button>
          <span className="dim zoom-value">{zoom < 10 ? zoom.toFixed(1) : Math.round(zoom)} px/s</span>
        </div>
      </div>
      <div className="timeline-body">
        <TrackHeaders project={project} />
        <div className="track-scroll" ref={scroller}>
          <div className="track-content" style={{ width: width + 16 }}>
            <TimelineTracks
              api={api}
              project={project}
              zoom={zoom}
              duration={duration}
              inPoint={inPoint}
              outPoint={outPoint}
              selectedSegmentId={selectedSegmentId}
              selectedClipId={selectedClipId}
              ruler={ruler}
              setRuler={setRuler}
              onSeek={onSeek}
              onSelectSegment={onSelectSegment}
              onSelectClip={onSelectClip}
              onMoveClip={onMoveClip}
              onClipMismatch={onClipMismatch}
            />
            {props.renderBar}
            <Playhead time={time} zoom={zoom} ruler={ruler} />
          </div>
        </div>
      </div>
    </section>
  );
}

/**
 * The only part of the timeline that follows the playhead: one transformed line (compositor
 * only, no layout of the lanes). The scrub slider's value is set here too, imperatively, so the
 * ruler and lanes never re-render on a playhead move.
 */
function Playhead({ time, zoom, ruler }: { time: number; zoom: number; ruler: HTMLElement | null }) {
  useEffect(() => ruler?.setAttribute('aria-valuenow', time.toFixed(2)), [ruler, time]);
  return (
    <div className="playhead" style={{ transform: `translateX(${toPx(time, zoom)}px)` }} aria-hidden="true">
      <div className="playhead-knob" />
    </div>
  );
}

const TrackHeaders = memo(function TrackHeaders({ project }: { project: ProjectView }) {
  return (
    <div className="track-headers">
      <div className="ruler-spacer" />
      <div className="track-header">
        <span className="swatch" style={{ background: SOURCE_COLOR }} />
        <div>
          <div className="track-name">Original</div>
          <div className="track-sub">
            {project.segments.length} segment{project.segments.length === 1 ? '' : 's'}
          </div>
        </div>
      </div>
      {project.dubTracks.map((t, i) => (
        <div className="track-header" key={t.id}>
          <span className="swatch" style={{ background: DUB_COLORS[i % DUB_COLORS.length] }} />
          <div>
            <div className="track-name">{t.name}</div>
            <div className="track-sub">
              Dub · <span className="lang">{t.language}</span>
            </div>
          </div>
        </div>
      ))}
      {project.dubTracks.length === 0 && <div className="track-header empty">No dub yet — “Add dub”</div>}
    </div>
  );
});

interface TracksProps {
  api: RedubBridge;
  project: ProjectView;
  zoom: number;
  duration: number;
  inPoint: number | null;
  outPoint: number | null;
  selectedSegmentId: string | null;
  selectedClipId: string | null;
  ruler: HTMLDivElement | null;
  setRuler(el: HTMLDivElement | null): void;
  onSeek(t: number): void;
  onSelectSegment(id: string): void;
  onSelectClip(id: string): void;
  onMoveClip(id: string, start: number): void;
  onClipMismatch(id: string, mismatch: DubClip['mismatch']): void;
}

/** A click on a lane seeks there; blocks (segments, clips) and their controls handle their own clicks. */
function laneSeeker(zoom: number, onSeek: (t: number) => void) {
  return (e: React.MouseEvent<HTMLDivElement>) => {
    if ((e.target as Element).closest('.segment-region, .clip-block, .long-dub-ctl')) return;
    onSeek(timeAtPointer(e, e.currentTarget, zoom));
  };
}

/** Ruler, lanes and marks: memoised, they change with the project and the zoom, never with time. */
const TimelineTracks = memo(function TimelineTracks(props: TracksProps) {
  const {
    api,
    project,
    zoom,
    duration,
    inPoint,
    outPoint,
    selectedSegmentId,
    selectedClipId,
    ruler,
    setRuler,
    onSeek,
    onSelectSegment,
    onSelectClip,
    onMoveClip,
    onClipMismatch,
  } = props;
  const seekOnLane = laneSeeker(zoom, onSeek);
  const { fps } = project.source;
  const videoEnd = videoEndOf(project.source);
  // Scrubbing on the ruler: press and drag.
  const scrubFrom = (e: React.PointerEvent<HTMLDivElement>) => {
    onSeek(timeAtPointer(e, e.currentTarget, zoom));
  };
  return (
    <>
      <div
        className="ruler"
        ref={setRuler}
        role="slider"
        aria-label="Scrub"
        aria-valuemin={0}
        aria-valuemax={duration}
        tabIndex={-1}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          scrubFrom(e);
        }}
        onPointerMove={(e) => e.buttons === 1 && scrubFrom(e)}
      />
      <div className="lane" onClick={seekOnLane}>
        <TrackLane
          api={api}
          projectId={project.id}
          track="source"
          label="Original"
          offset={0}
          duration={duration}
          zoom={zoom}
          color={SOURCE_COLOR}
          rulerContainer={ruler}
          onSeek={onSeek}
        />
        <SegmentLayer
          segments={project.segments}
          zoom={zoom}
          selectedSegmentId={selectedSegmentId}
          onSeek={onSeek}
          onSelectSegment={onSelectSegment}
        />
      </div>
      {project.dubTracks.map((t, i) => (
        <div className="lane" key={t.id} onClick={seekOnLane}>
          {t.clips.map((c, k) => (
            // Each clip draws its own file inside its box: trimmed head and tail are cut off.
            <div className="clip-wave" key={c.id} style={{ left: toPx(c.start, zoom), width: toPx(clipLength(c), zoom) }}>
              <TrackLane
                api={api}
                projectId={project.id}
                track={t.id}
                clipId={c.id}
                label={k === 0 ? t.name : `${t.name} clip ${k + 1}`}
                offset={clipMediaOrigin(c)}
                layoutOffset={-c.trimStart}
                duration={c.mediaDuration}
                zoom={zoom}
                color={DUB_COLORS[i % DUB_COLORS.length]}
                onSeek={onSeek}
              />
            </div>
          ))}
          <ClipLayer
            trackName={t.name}
            clips={t.clips}
            zoom={zoom}
            color={DUB_COLORS[i % DUB_COLORS.length]}
            selectedClipId={selectedClipId}
            onSelectClip={onSelectClip}
            onMoveClip={onMoveClip}
            videoEnd={videoEnd}
            fps={fps}
            onMismatch={onClipMismatch}
            onSeek={onSeek}
          />
        </div>
      ))}
      {project.dubTracks.length === 0 && <div className="lane empty" onClick={seekOnLane} />}
      <div className="video-end" style={{ left: toPx(videoEnd, zoom) }} aria-label="End of the video">
        <span className="video-end-flag" title={`The video ends at ${formatTime(videoEnd)}: dub audio after it is not in the export`}>
          END
        </span>
      </div>
      {inPoint !== null && outPoint !== null && outPoint > inPoint && (
        <div className="inout-range" style={{ left: toPx(inPoint, zoom), width: toPx(outPoint - inPoint, zoom) }} />
      )}
    </>
  );
});

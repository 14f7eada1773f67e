import { memo, useEffect, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import TimelinePlugin from 'wavesurfer.js/dist/plugins/timeline.esm.js';
import type { RedubBridge } from '../../../common/contract';
import type { Waveform } from '../../../common/domain';
import { toPx } from '../timeline-time';

interface Props {
  api: RedubBridge;
  projectId: string;
  /** 'source' or a dub track id. */
  track: string;
  /** One clip of a dub track (its own audio file); default the track's first. */
  clipId?: string;
  /** Where the waveform sits in its container (s), when not at `offset` (a clip's box). */
  layoutOffset?: number;
  label: string;
  /** Where the lane's audio starts on the timeline (s). */
  offset: number;
  /** Length of the lane's audio (s): sets how many peaks to ask for. */
  duration: number;
  zoom: number;
  color: string;
  /** Where the ruler goes (only one lane draws it). */
  rulerContainer?: HTMLElement | null;
  onSeek(time: number): void;
}

/**
 * One audio lane: a wavesurfer.js instance drawing precomputed peaks (the engine decodes, not
 * the renderer); segments are drawn over it by SegmentLayer. Playback is not wavesurfer's: the lane
 * only reports where the user clicked, the editor's clock does the rest.
 */
const STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300];

/** Seconds between ruler labels so that labels sit at least ~70 px apart. */
export function rulerStep(pxPerSec: number): number {
  return STEPS.find((s) => s * pxPerSec >= 70) ?? 600;
}

function formatRuler(t: number, step: number): string {
  const m = Math.floor(t / 60);
  const s = t - m * 60;
  const sec = step < 1 ? s.toFixed(1) : String(Math.round(s));
  return m > 0 ? `${m}:${sec.padStart(step < 1 ? 4 : 2, '0')}` : `${sec}s`;
}

/**
 * Peaks per second for a lane: 200 for short media (sharp at high zoom), fewer for long ones so
 * that an hour stays ~150k peaks (JSON, decoding and drawing stay fast at any zoom).
 */
export function peaksPerSecondFor(duration: number): number {
  return Math.max(10, Math.min(200, Math.floor(150_000 / Math.max(1, duration))));
}

export const TrackLane = memo(function TrackLane(props: Props) {
  const { api, projectId, track, clipId, offset, zoom, color, rulerContainer, label } = props;
  const peaksPerSecond = peaksPerSecondFor(props.duration);
  const container = useRef<HTMLDivElement>(null);
  const ws = useRef<WaveSurfer | null>(null);
  const [waveform, setWaveform] = useState<Waveform | null>(null);
  const [ready, setReady] = useState(0);
  // Handlers change identity on every render; the wavesurfer listeners read the latest ones.
  const handlers = useRef(props);
  handlers.current = props;

  useEffect(() => {
    let live = true;
    api.getWaveform({ projectId, track, clipId, peaksPerSecond }).then(
      (w) => live && setWaveform(w),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, projectId, track, clipId, peaksPerSecond]);

  useEffect(() => {
    if (!waveform || !container.current) return;
    const instance = WaveSurfer.create({
      container: container.current,
      height: 56,
      waveColor: color,
      progressColor: color,
      cursorWidth: 0,
      barWidth: 2,
      barGap: 1,
      barRadius: 1,
      normalize: true,
      minPxPerSec: handlers.current.zoom,
      fillParent: false,
      hideScrollbar: true,
      autoScroll: false,
      autoCenter: false,
      dragToSeek: true,
      peaks: [waveform.peaks],
      duration: waveform.duration,
    });
    instance.on('interaction', (t) => handlers.current.onSeek(handlers.current.offset + t));
    instance.on('ready', () => setReady((n) => n + 1));
    ws.current = instance;
    return () => {
      instance.destroy();
      ws.current = null;
    };
  }, [waveform, color]);

  // The ruler's spacing follows the zoom: re-create the timeline plugin when the step changes.
  const step = rulerStep(zoom);
  useEffect(() => {
    const w = ws.current;
    if (!w || !rulerContainer) return;
    const timeline = w.registerPlugin(
      TimelinePlugin.create({
        container: rulerContainer,
        height: 22,
        timeInterval: step / 5,
        primaryLabelInterval: step,
        secondaryLabelInterval: step,
        formatTimeCallback: (t) => formatRuler(t, step),
        style: { color: '#8d95a8', fontSize: '10px', fontFamily: 'inherit' },
      }),
    );
    return () => w.unregisterPlugin(timeline);
  }, [step, rulerContainer, ready]);

  useEffect(() => {
    const w = ws.current;
    if (w && w.getDuration() > 0) w.zoom(zoom);
  }, [zoom, ready]);

  return (
    <div
      className="lane-wave"
      ref={container}
      aria-label={`${label} waveform`}
      data-ready={ready > 0}
      style={{ marginLeft: toPx(props.layoutOffset ?? offset, zoom), width: waveform ? toPx(waveform.duration, zoom) : undefined }}
    />
  );
});

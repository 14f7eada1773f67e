import { memo, useEffect, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js';
import TimelinePlugin from 'wavesurfer.js/dist/plugins/timeline.esm.js';
import type { RedubBridge } from '../../../common/contract';
import type { Segment, Waveform } from '../../../common/domain';
import { EMOTION_STYLE, withAlpha } from './emotion';

interface Props {
  api: RedubBridge;
  projectId: string;
  /** 'source' or a dub track id. */
  track: string;
  label: string;
  /** Where the lane's audio starts on the timeline (s). */
  offset: number;
  zoom: number;
  color: string;
  segments?: Segment[];
  selectedSegmentId?: string | null;
  /** Where the ruler goes (only one lane draws it). */
  rulerContainer?: HTMLElement | null;
  onSeek(time: number): void;
  onSelectSegment?(id: string): void;
}

/**
 * One audio lane: a wavesurfer.js instance drawing precomputed peaks (the engine decodes, not
 * the renderer), with segments as regions. Playback is not wavesurfer's: the lane only reports
 * where the user clicked, the editor's clock does the rest.
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

export const TrackLane = memo(function TrackLane(props: Props) {
  const { api, projectId, track, offset, zoom, color, segments, selectedSegmentId, rulerContainer, label } = props;
  const container = useRef<HTMLDivElement>(null);
  const ws = useRef<WaveSurfer | null>(null);
  const regions = useRef<ReturnType<typeof RegionsPlugin.create> | null>(null);
  const [waveform, setWaveform] = useState<Waveform | null>(null);
  const [ready, setReady] = useState(0);
  // Handlers change identity on every render; the wavesurfer listeners read the latest ones.
  const handlers = useRef(props);
  handlers.current = props;

  useEffect(() => {
    let live = true;
    api.getWaveform({ projectId, track, peaksPerSecond: 200 }).then((w) => live && setWaveform(w), () => undefined);
    return () => {
      live = false;
    };
  }, [api, projectId, track]);

  useEffect(() => {
    if (!waveform || !container.current) return;
    const reg = RegionsPlugin.create();
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
      plugins: [reg],
    });
    instance.on('interaction', (t) => handlers.current.onSeek(handlers.current.offset + t));
    reg.on('region-clicked', (region) => handlers.current.onSelectSegment?.(region.id));
    instance.on('ready', () => setReady((n) => n + 1));
    ws.current = instance;
    regions.current = reg;
    return () => {
      instance.destroy();
      ws.current = null;
      regions.current = null;
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

  // Segments become regions; rebuilt on any change (a handful per lane, cheap).
  useEffect(() => {
    const reg = regions.current;
    if (!reg || !segments) return;
    reg.clearRegions();
    segments.forEach((s, i) => {
      const style = EMOTION_STYLE[s.emotionTemplate];
      const selected = s.id === selectedSegmentId;
      const content = document.createElement('div');
      content.className = 'region-label';
      content.textContent = `${i + 1} · ${style.label}${s.lipsyncEnabled ? '' : ' · no lip-sync'}`;
      content.setAttribute('style', `display:inline-block;max-width:calc(100% - 8px);margin:3px 4px;color:${style.color};background:rgba(12,14,19,.72);border-radius:3px;font:600 11px/1 system-ui,sans-serif;padding:3px 5px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;`);
      const r = reg.addRegion({
        id: s.id,
        start: s.start - offset,
        end: s.end - offset,
        color: withAlpha(style.color, selected ? 0.3 : 0.12),
        drag: false,
        resize: false,
        content,
      });
      const el = r.element;
      if (el) {
        el.setAttribute('role', 'button');
        el.setAttribute('tabindex', '0');
        el.setAttribute('aria-label', `Segment ${i + 1}, ${s.start.toFixed(2)} to ${s.end.toFixed(2)} s, ${style.label}`);
        el.setAttribute('aria-pressed', String(selected));
        el.style.borderLeft = `2px solid ${withAlpha(style.color, 0.9)}`;
        el.style.boxShadow = selected ? `inset 0 0 0 1px ${style.color}` : 'none';
        // The region lives in wavesurfer's shadow DOM, out of reach of the app's :focus-visible rule.
        el.onfocus = () => (el.style.outline = '2px solid #7fb0ff');
        el.onblur = () => (el.style.outline = '');
        el.onkeydown = (e: KeyboardEvent) => {
          if (e.key === 'Enter') handlers.current.onSelectSegment?.(s.id);
        };
      }
    });
  }, [segments, selectedSegmentId, offset, ready]);

  return (
    <div
      className="lane-wave"
      ref={container}
      aria-label={`${label} waveform`}
      data-ready={ready > 0}
      style={{ marginLeft: offset * zoom, width: waveform ? waveform.duration * zoom : undefined }}
    />
  );
});

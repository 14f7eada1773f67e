import { useState, type ReactNode } from 'react';
import type { RedubBridge } from '../../../common/contract';
import type { DubTrack, ProjectView } from '../../../common/domain';
import type { RenderState } from '../../../common/render-state';
import type { Playback } from '../state/usePlayback';
import type { Preview } from '../state/usePreviewFrame';
import { frameNumberAt } from '../timeline-time';
import { lipsyncReason } from '../paths';
import { DubAudio } from './DubAudio';
import { MonitorWipe } from './MonitorWipe';
import { RenderedPlayback } from './RenderedPlayback';
import { Transport } from './Transport';

interface Props {
  api: RedubBridge;
  project: ProjectView;
  playback: Playback;
  dub: DubTrack | null;
  preview: Preview;
  /** The B language's render bar: where rendered chunks exist, playback shows them. */
  renderState: RenderState | null;
  /** Puts another dub language on the B monitor. */
  onMonitorLanguage(language: string): void;
  /** Drawn over the picture (the face outline of the selected line's speaker). */
  overlay?: ReactNode;
}

function lipsyncBadge(preview: Preview, monitorDub: boolean): { text: string; tone: string; full?: string } | null {
  const s = preview.lipsync;
  if (!monitorDub || !s) return null;
  // Small and in a corner: the picture is what the user is judging, not the status.
  if (s.status === 'pending') return { text: 'Rendering lip-sync…', tone: 'pending' };
  if (s.status === 'ready') {
    const what = [s.lipsynced ? 'Lip-synced' : 'Own mouth fits', s.expression ? 'emotion' : null].filter(Boolean).join(' + ');
    return { text: `${what} · ${Math.round(s.ms)} ms`, tone: 'ok' };
  }
  return { text: lipsyncReason(s.reason), tone: 'muted', full: s.reason };
}

/** The monitor: the video for playback, the engine's preview frame while paused. */
export function Player({ api, project, playback, dub, preview, renderState, onMonitorLanguage, overlay }: Props) {
  const { videoRef, playing, monitor } = playback;
  // The wipe is a B view with the original left of its divider: B's audio, B's frames, B's badge.
  const onB = monitor !== 'original' && dub !== null;
  const wipe = monitor === 'wipe' && dub !== null;
  const [split, setSplit] = useState(0.5);
  // Playing forwards on B: the dub's clips sound, rendered chunks show.
  const playingB = playing && playback.rate > 0 && onB;
  const [showingRendered, setShowingRendered] = useState(false);
  const frame = preview.frame;
  const edited = preview.lipsync?.status === 'ready' ? preview.lipsync : null;
  const lipsyncUrl = edited?.url ?? null;
  // Only the frame for the playhead's own frame number; a stale one would lie about the picture.
  const showFrame = !playing && frame !== null && frame.frameIndex === frameNumberAt(playback.time, project.source);
  // Only the answer to a request for this dub language (not a leftover from monitoring A).
  // While playing, the badge says what is on screen: the rendered chunk, or the original.
  const badge = playingB
    ? showingRendered
      ? { text: 'Lip-synced · rendered', tone: 'ok' }
      : { text: 'Original — not rendered', tone: 'muted' }
    : lipsyncBadge(preview, onB && frame?.language === dub.language);
  return (
    <section className="player" aria-label="Player">
      <div className="monitor">
        <div
          className={`screen${wipe ? ' wipe' : ''}`}
          style={{ aspectRatio: `${project.source.width} / ${project.source.height}`, ['--wipe' as string]: `${split * 100}%` }}
        >
          <video
            ref={videoRef}
            src={api.resolveUrl(project.source.url)}
            preload="auto"
            playsInline
            aria-label="Source video"
            onEnded={() => playback.pause()}
          />
          <RenderedPlayback
            api={api}
            state={dub && renderState?.language === dub.language ? renderState : null}
            master={videoRef}
            active={playingB}
            onShowing={setShowingRendered}
          />
          {showFrame && wipe && (
            // A's side: the same engine answer's original frame, under B's clipped one.
            <img
              className="preview-frame wipe-a"
              src={api.resolveUrl(frame.original.url)}
              alt={`Original frame at ${frame.time.toFixed(2)} s`}
              data-frame-index={frame.frameIndex}
            />
          )}
          {showFrame && (
            <img
              className={`preview-frame${wipe ? ' wipe-b' : ''}`}
              src={api.resolveUrl(lipsyncUrl ?? frame.original.url)}
              alt={`Preview frame at ${frame.time.toFixed(2)} s (${lipsyncUrl ? 'lip-synced' : 'original'})`}
              data-frame-index={frame.frameIndex}
              data-language={frame.language ?? ''}
              data-lipsync-status={preview.lipsync?.status}
              data-original-src={api.resolveUrl(frame.original.url)}
              data-mouth-box={
                edited?.mouthBox ? [edited.mouthBox.x, edited.mouthBox.y, edited.mouthBox.w, edited.mouthBox.h].join(',') : undefined
              }
              data-expression={edited ? String(edited.expression) : undefined}
            />
          )}
          {overlay}
          {wipe && <MonitorWipe split={split} onSplit={setSplit} language={dub.language} />}
          <div className="monitor-tags">
            <span className={`tag ${monitor === 'dub' ? 'tag-b' : 'tag-a'}`}>
              {monitor === 'dub' && dub ? `B · ${dub.name}` : 'A · Original'}
            </span>
            {showFrame && <span className="tag">Frame {frame.frameIndex}</span>}
          </div>
          {badge && (
            <div className={`lipsync-badge ${badge.tone}`} role="status" title={badge.full}>
              {badge.tone === 'pending' && <span className="spinner" aria-hidden="true" />}
              {badge.text}
            </div>
          )}
        </div>
        {dub && <DubAudio api={api} name={dub.name} clips={dub.clips} time={playback.time} active={playingB} rate={playback.rate} />}
      </div>
      <Transport project={project} playback={playback} dub={dub} onMonitorLanguage={onMonitorLanguage} />
    </section>
  );
}

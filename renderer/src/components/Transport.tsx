import { useState } from 'react';
import type { DubTrack, ProjectView } from '../../../common/domain';
import { formatTime, parseTime } from '../format';
import { frameNumberAt } from '../timeline-time';
import type { Playback } from '../state/usePlayback';
import { Icon } from './Icon';

interface Props {
  project: ProjectView;
  playback: Playback;
  dub: DubTrack | null;
  onMonitorLanguage(language: string): void;
}

/** Editable timecode: type "2.5" or "0:02.5" and press Enter to jump there. */
function TimeField({ time, onSeek }: { time: number; onSeek(t: number): void }) {
  const [editing, setEditing] = useState(false);
  const [draft, setText] = useState(time.toFixed(2));
  // While typing, the field is the user's; otherwise it shows the playhead.
  const text = editing ? draft : time.toFixed(2);
  return (
    <input
      className="time-field"
      aria-label="Playhead time in seconds"
      value={text}
      inputMode="decimal"
      onFocus={(e) => {
        setText(time.toFixed(2));
        setEditing(true);
        e.currentTarget.select();
      }}
      onBlur={() => setEditing(false)}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          const t = parseTime(text);
          if (t !== null) onSeek(t);
          e.currentTarget.blur();
        } else if (e.key === 'Escape') e.currentTarget.blur();
      }}
    />
  );
}

export function Transport({ project, playback, dub, onMonitorLanguage }: Props) {
  const { time, playing, rate, monitor } = playback;
  return (
    <div className="transport" role="toolbar" aria-label="Transport">
      <div className="transport-group">
        <button
          type="button"
          className="btn icon"
          aria-label="Previous frame"
          title="Previous frame (←)"
          onClick={() => playback.stepFrames(-1)}
        >
          <Icon name="stepBack" />
        </button>
        <button
          type="button"
          className="btn icon primary"
          aria-label={playing ? 'Pause' : 'Play'}
          title="Play/pause (Space)"
          onClick={playback.toggle}
        >
          <Icon name={playing ? 'pause' : 'play'} size={20} />
        </button>
        <button type="button" className="btn icon" aria-label="Next frame" title="Next frame (→)" onClick={() => playback.stepFrames(1)}>
          <Icon name="stepForward" />
        </button>
        {rate !== 0 && Math.abs(rate) !== 1 && (
          <span className="shuttle">
            {rate > 0 ? '▶' : '◀'} {Math.abs(rate)}×
          </span>
        )}
        {rate === -1 && <span className="shuttle">◀ 1×</span>}
      </div>
      <div className="timecode" aria-live="off">
        <TimeField time={time} onSeek={playback.seek} />
        <span className="dim">/ {formatTime(project.source.duration)}</span>
        <span className="frame-no" data-testid="frame-number">
          F {frameNumberAt(time, project.source)}
        </span>
      </div>
      <div className="ab" role="group" aria-label="Monitor original or dub">
        <button
          type="button"
          className={`seg ${monitor === 'original' ? 'on' : ''}`}
          aria-pressed={monitor === 'original'}
          aria-label="Monitor original"
          onClick={() => playback.setMonitor('original')}
        >
          A · Original
        </button>
        <button
          type="button"
          className={`seg ${monitor === 'dub' ? 'on b' : ''}`}
          aria-pressed={monitor === 'dub'}
          aria-label="Monitor dub"
          disabled={!dub}
          onClick={() => playback.setMonitor('dub')}
        >
          B · {dub ? dub.language.toUpperCase() : 'Dub'}
        </button>
        <button
          type="button"
          className={`seg ${monitor === 'wipe' ? 'on b' : ''}`}
          aria-pressed={monitor === 'wipe'}
          aria-label="Monitor wipe"
          title="A|B wipe: the original left of the divider, the dub right"
          disabled={!dub}
          onClick={() => playback.setMonitor('wipe')}
        >
          A|B
        </button>
        {project.dubTracks.length > 1 && (
          // Any language of the project on B, not only the first; picking one also monitors it.
          <select
            className="monitor-lang"
            aria-label="B monitor language"
            value={dub?.language ?? ''}
            onChange={(e) => {
              onMonitorLanguage(e.target.value);
              // From A, picking a language means "show it"; a wipe stays a wipe, now on that language.
              if (monitor === 'original') playback.setMonitor('dub');
            }}
          >
            {project.dubTracks.map((t) => (
              <option key={t.id} value={t.language}>
                {t.language.toUpperCase()} · {t.name}
              </option>
            ))}
          </select>
        )}
      </div>
    </div>
  );
}

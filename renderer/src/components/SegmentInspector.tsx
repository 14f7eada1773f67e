import { useDraft } from '../state/useDerivedState';
import { EMOTION_TEMPLATES, type EmotionTemplate, type ProjectView, type Segment } from '../../../common/domain';
import { formatTime } from '../format';
import type { RenderState } from '../../../common/render-state';
import { segmentRenderText } from '../state/segmentRender';
import { EMOTION_STYLE } from './emotion';

export type SegmentPatch = Partial<Pick<Segment, 'emotionTemplate' | 'intensity' | 'lipsyncEnabled' | 'text'>>;

interface Props {
  project: ProjectView;
  segment: Segment | null;
  onSelect(id: string): void;
  onChange(id: string, patch: SegmentPatch): void;
  /** The B language's chunks: the segment's render state follows them. */
  renderState?: RenderState | null;
}

/** Intensity commits on release, so one drag is one undo step (not fifty). */
function IntensitySlider({ value, onCommit }: { value: number; onCommit(v: number): void }) {
  const [local, setLocal] = useDraft(value);
  const commit = () => {
    if (Math.abs(local - value) > 1e-6) onCommit(local);
  };
  return (
    <div className="field">
      <label htmlFor="intensity">
        Intensity <span className="value">{Math.round(local * 100)}%</span>
      </label>
      <input
        id="intensity"
        type="range"
        min={0}
        max={1}
        step={0.05}
        value={local}
        aria-label="Intensity"
        onChange={(e) => setLocal(Number(e.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
    </div>
  );
}

/**
 * What is said in the segment (filled from subtitles, or typed): commits on blur or Ctrl+Enter,
 * so typing a line is one undo step. Subtitle exports write it.
 */
function TextField({ value, onCommit }: { value: string; onCommit(v: string): void }) {
  const [draft, setDraft] = useDraft(value);
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  return (
    <div className="field">
      <label htmlFor="segment-text">
        Text <span className="value">subtitles</span>
      </label>
      <textarea
        id="segment-text"
        aria-label="Segment text"
        rows={2}
        maxLength={10_000}
        placeholder="What is said here (used for SRT/VTT export)"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && commit()}
      />
    </div>
  );
}

/** Chips shown at once: a long project shows the ones around the selection (the timeline has them all). */
const CHIP_WINDOW = 24;

function chipWindow(count: number, selected: number): [number, number] {
  if (count <= CHIP_WINDOW) return [0, count];
  const from = Math.min(Math.max(0, selected - CHIP_WINDOW / 2), count - CHIP_WINDOW);
  return [from, from + CHIP_WINDOW];
}

export function SegmentInspector({ project, segment, onSelect, onChange, renderState }: Props) {
  const count = project.segments.length;
  const [from, to] = chipWindow(
    count,
    Math.max(
      0,
      project.segments.findIndex((s) => s.id === segment?.id),
    ),
  );
  return (
    <div className="inspector">
      {count > CHIP_WINDOW && (
        <p className="dim small chip-range">
          Segments {from + 1}–{to} of {count}
        </p>
      )}
      <div className="segment-list" role="listbox" aria-label="Segments">
        {project.segments
          .slice(from, to)
          .map((s, k) => ({ s, i: from + k }))
          .map(({ s, i }) => (
            <button
              type="button"
              key={s.id}
              role="option"
              aria-selected={s.id === segment?.id}
              className={`segment-chip ${s.id === segment?.id ? 'on' : ''}`}
              onClick={() => onSelect(s.id)}
              aria-label={`Select segment ${i + 1}`}
            >
              <span className="dot" style={{ background: EMOTION_STYLE[s.emotionTemplate].color }} />
              {i + 1}
              <span className="dim">{formatTime(s.start)}</span>
            </button>
          ))}
      </div>
      {!segment ? (
        <p className="hint">Select a segment on the timeline to edit its emotion and lip-sync.</p>
      ) : (
        <form className="segment-form" aria-label="Segment inspector" onSubmit={(e) => e.preventDefault()}>
          <div className="segment-head">
            <h3>Segment {project.segments.findIndex((s) => s.id === segment.id) + 1}</h3>
            <span className="dim">
              {formatTime(segment.start)} – {formatTime(segment.end)} · {(segment.end - segment.start).toFixed(2)} s
            </span>
          </div>
          <div className="field">
            <label htmlFor="emotion">Emotion template</label>
            <select
              id="emotion"
              aria-label="Emotion template"
              value={segment.emotionTemplate}
              onChange={(e) => onChange(segment.id, { emotionTemplate: e.target.value as EmotionTemplate })}
            >
              {EMOTION_TEMPLATES.map((t) => (
                <option key={t} value={t}>
                  {EMOTION_STYLE[t].label}
                </option>
              ))}
            </select>
          </div>
          <IntensitySlider value={segment.intensity} onCommit={(v) => onChange(segment.id, { intensity: v })} />
          <TextField key={segment.id} value={segment.text} onCommit={(v) => onChange(segment.id, { text: v })} />
          <div className="field row">
            <label htmlFor="lipsync">Lip-sync</label>
            <button
              id="lipsync"
              type="button"
              role="switch"
              aria-checked={segment.lipsyncEnabled}
              aria-label="Lip-sync"
              className={`switch ${segment.lipsyncEnabled ? 'on' : ''}`}
              onClick={() => onChange(segment.id, { lipsyncEnabled: !segment.lipsyncEnabled })}
            >
              <span className="knob" />
            </button>
          </div>
          <div className="revision">
            <span data-testid="segment-revision">Revision {segment.revision}</span>
            {(() => {
              const s = segmentRenderText(segment, renderState ?? null);
              return <span className={`badge ${s.stale ? 'stale' : 'fresh'}`}>{s.text}</span>;
            })()}
          </div>
        </form>
      )}
    </div>
  );
}

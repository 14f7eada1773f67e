import { useDraft } from '../state/useDerivedState';
import { MISMATCH_POLICIES, type DubClip, type DubTrack } from '../../../common/domain';
import { formatTime } from '../format';
import { clipLength } from '../timeline-time';
import { MISMATCH_LABEL } from './mismatch';

export type ClipPatch = Partial<Pick<DubClip, 'start' | 'trimStart' | 'trimEnd' | 'gainDb' | 'mismatch'>>;

interface Props {
  track: DubTrack;
  clip: DubClip;
  onChange(id: string, patch: ClipPatch): void;
  onDelete(id: string): void;
  /** Opens the file dialog for one more clip of this language, at the playhead. */
  onAddClip(trackId: string): void;
  onClose(): void;
}

/**
 * A number field that commits on Enter or blur (never per keystroke), so typing "12.5" is one
 * undo step and the engine is not asked about "1" and "12" on the way.
 */
function NumberField({
  id,
  label,
  unit,
  value,
  min,
  max,
  step,
  onCommit,
}: {
  id: string;
  label: string;
  unit: string;
  value: number;
  min?: number;
  max?: number;
  step: number;
  onCommit(v: number): void;
}) {
  const [text, setText] = useDraft(String(value));
  const commit = () => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) return setText(String(value));
    if (Math.abs(v - value) > 1e-9) onCommit(v);
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} <span className="value">{unit}</span>
      </label>
      <input
        id={id}
        type="number"
        className="time-field"
        aria-label={`${label} (${unit})`}
        value={text}
        min={min}
        max={max}
        step={step}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </div>
  );
}

/** Where one piece of dub audio sits and how it plays: offset, trims, gain, length-mismatch policy. */
export function ClipInspector({ track, clip, onChange, onDelete, onAddClip, onClose }: Props) {
  const index = track.clips.findIndex((c) => c.id === clip.id);
  const name = clip.path.split(/[\\/]/).pop() ?? clip.path;
  return (
    <form className="segment-form clip-form" aria-label="Clip inspector" onSubmit={(e) => e.preventDefault()}>
      <div className="segment-head">
        <h3>
          {track.name} clip {index + 1}
          <button type="button" className="btn ghost small close" aria-label="Close clip inspector" onClick={onClose}>
            ×
          </button>
        </h3>
        <span className="dim" title={clip.path}>
          {name} · {formatTime(clip.start)} – {formatTime(clip.start + clipLength(clip))} · {clipLength(clip).toFixed(2)} s
        </span>
      </div>
      <NumberField
        id="clip-start"
        label="Offset"
        unit="s"
        value={clip.start}
        min={0}
        step={0.01}
        onCommit={(v) => onChange(clip.id, { start: v })}
      />
      <div className="field-row">
        <NumberField
          id="clip-trim-start"
          label="Trim head"
          unit="s"
          value={clip.trimStart}
          min={0}
          step={0.01}
          onCommit={(v) => onChange(clip.id, { trimStart: v })}
        />
        <NumberField
          id="clip-trim-end"
          label="Trim tail"
          unit="s"
          value={clip.trimEnd}
          min={0}
          step={0.01}
          onCommit={(v) => onChange(clip.id, { trimEnd: v })}
        />
      </div>
      <NumberField
        id="clip-gain"
        label="Gain"
        unit="dB"
        value={clip.gainDb}
        min={-60}
        max={24}
        step={0.5}
        onCommit={(v) => onChange(clip.id, { gainDb: v })}
      />
      <div className="field">
        <label htmlFor="clip-mismatch">Length mismatch</label>
        <select
          id="clip-mismatch"
          aria-label="Length mismatch"
          value={clip.mismatch}
          onChange={(e) => onChange(clip.id, { mismatch: e.target.value as DubClip['mismatch'] })}
        >
          {MISMATCH_POLICIES.map((m) => (
            <option key={m} value={m}>
              {MISMATCH_LABEL[m]}
            </option>
          ))}
        </select>
      </div>
      <div className="clip-actions">
        <button type="button" className="btn" onClick={() => onAddClip(track.id)} aria-label={`Add ${track.name} clip at playhead`}>
          Add clip at playhead…
        </button>
        <button type="button" className="btn danger" onClick={() => onDelete(clip.id)} aria-label="Delete clip">
          Delete clip{track.clips.length === 1 ? ' (removes the language)' : ''}
        </button>
      </div>
    </form>
  );
}

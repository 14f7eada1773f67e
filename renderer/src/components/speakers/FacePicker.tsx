import type { RedubBridge } from '../../../../common/contract';
import type { ProjectView } from '../../../../common/domain';
import { speakerColor } from './colors';
import './speakers.css';

interface Props {
  api: RedubBridge;
  project: ProjectView;
  /** The clip's (or segment's) speaker; null: the main speaker. */
  speaker: string | null;
  onPick(speakerId: string | null): void;
}

/** "Whose lines are these?": one face thumbnail per speaker; a click puts the line on that face. */
export function FacePicker({ api, project, speaker, onPick }: Props) {
  if (project.speakers.length === 0) return <p className="hint small">Open the Speakers tab to find the faces of the video.</p>;
  return (
    <div className="field">
      <label>Speaker</label>
      <div className="speaker-faces" role="group" aria-label="Speaker of this line">
        <button type="button" className="face-pick" aria-pressed={speaker === null} aria-label="Main speaker" onClick={() => onPick(null)}>
          <span className="main-face">Auto</span>
          Main
        </button>
        {project.speakers.map((s) => (
          <button
            key={s.id}
            type="button"
            className="face-pick"
            aria-pressed={speaker === s.id}
            aria-label={`Speaker ${s.name}`}
            style={{ ['--speaker' as string]: speakerColor(s.id, project.speakers) ?? undefined }}
            onClick={() => onPick(s.id)}
          >
            {s.thumbnailUrl ? <img src={api.resolveUrl(s.thumbnailUrl)} alt="" /> : <span className="main-face">?</span>}
            {s.name}
          </button>
        ))}
      </div>
    </div>
  );
}

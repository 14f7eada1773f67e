import { useEffect, useState } from 'react';
import type { RedubBridge } from '../../../../common/contract';
import type { ProjectView, Speaker } from '../../../../common/domain';
import { useDraft } from '../../state/useDerivedState';
import { speakerColor } from './colors';
import './speakers.css';

interface Props {
  api: RedubBridge;
  project: ProjectView;
  /** Runs a call that answers the project (the editor's one way to apply edits). */
  run(fn: () => Promise<ProjectView>): Promise<unknown>;
}

/** A name field that commits on Enter or blur: one undo step per rename. */
function NameField({ speaker, onRename }: { speaker: Speaker; onRename(name: string): void }) {
  const [text, setText] = useDraft(speaker.name);
  const commit = () => (text.trim() && text.trim() !== speaker.name ? onRename(text.trim()) : setText(speaker.name));
  return (
    <input
      aria-label={`Name of ${speaker.id}`}
      value={text}
      maxLength={200}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}

/**
 * The people of the video: a thumbnail each and an editable name. Opening it finds them (face
 * analysis in the engine, cached), so the face outline and the inspector's face picker work.
 */
export function SpeakersPanel({ api, project, run }: Props) {
  // The project whose speakers were last looked for: until it is this one, they are being found.
  const [looked, setLooked] = useState<string | null>(null);
  const finding = looked !== project.id;
  useEffect(() => {
    void run(() => api.findSpeakers({ projectId: project.id })).finally(() => setLooked(project.id));
  }, [api, project.id, run]);
  const seconds = (frames: number) => (frames / (project.source.fps || 25)).toFixed(1);
  return (
    <section className="card" aria-label="Speakers">
      <h4>Speakers</h4>
      {project.speakers.length === 0 && <p className="hint small">{finding ? 'Finding the faces in the video…' : 'No faces found.'}</p>}
      <ul className="speaker-list">
        {project.speakers.map((s) => (
          <li key={s.id} className="speaker-row" style={{ ['--speaker' as string]: speakerColor(s.id, project.speakers) ?? undefined }}>
            {s.thumbnailUrl ? <img className="speaker-thumb" src={api.resolveUrl(s.thumbnailUrl)} alt={`Face of ${s.name}`} /> : null}
            <div className="field">
              <NameField
                speaker={s}
                onRename={(name) => void run(() => api.renameSpeaker({ projectId: project.id, speakerId: s.id, name }))}
              />
              <span className="dim small">
                {s.id} · {seconds(s.frames)} s on screen
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

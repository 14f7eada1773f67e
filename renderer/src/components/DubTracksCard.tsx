import type { ProjectView } from '../../../common/domain';

/** Per-language overview: how each dub's length compares with the video (the mismatch to handle). */
export function DubTracksCard({ project }: { project: ProjectView }) {
  const video = project.source.duration;
  return (
    <section className="card" aria-label="Dub tracks">
      <h4>Dub tracks</h4>
      {project.dubTracks.length === 0 && <p className="hint small">None yet. “Add dub” puts a language’s audio under the video.</p>}
      <ul className="track-list">
        {project.dubTracks.map((t) => {
          const delta = t.audio.start + t.audio.duration - video;
          const fits = Math.abs(delta) < 0.05;
          return (
            <li key={t.id}>
              <span className="lang">{t.language}</span>
              <span className="track-list-name">{t.name}</span>
              <span className="dim small">{t.audio.duration.toFixed(2)} s</span>
              <span className={`badge ${fits ? 'fresh' : 'muted'}`} title="Dub length against the video">
                {fits ? 'fits' : delta < 0 ? `${(-delta).toFixed(2)} s short` : `${delta.toFixed(2)} s long`}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

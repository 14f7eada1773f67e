import { useEffect, useState } from 'react';
import type { RedubBridge } from '../../../common/contract';
import type { RecentProject } from '../../../common/domain';
import { FaceModelsNotice } from './FaceModelsSetup';
import { Icon } from './Icon';
import { ShortPath } from './ShortPath';

/** Shown with no project open: start from a video, or pick up a recent project. */
export function Welcome({ api, onOpen, onReopen }: { api: RedubBridge; onOpen(): void; onReopen(p: RecentProject): void }) {
  const [recent, setRecent] = useState<RecentProject[]>([]);
  useEffect(() => {
    api.listRecentProjects({}).then(setRecent, () => undefined);
  }, [api]);
  return (
    <main className="welcome">
      <div className="welcome-card">
        <h1>Dub a video</h1>
        <p className="dim">Open a talking-head video, add a dub track per language, shape each segment, preview, export.</p>
        <button type="button" className="btn primary large" onClick={onOpen}>
          <Icon name="film" /> Open video…
        </button>
        <FaceModelsNotice api={api} />
        <h2>Recent projects</h2>
        <ul className="recent" aria-label="Recent projects">
          {recent.length === 0 && <li className="dim">Nothing yet.</li>}
          {recent.map((p) => (
            <li key={p.id}>
              <button type="button" className="recent-item" onClick={() => onReopen(p)} aria-label={`Reopen ${p.name}`}>
                <span className="recent-name">{p.name}</span>
                <ShortPath path={p.videoPath} className="dim recent-path" />
                <span className="recent-langs">
                  {p.languages.map((l) => (
                    <span key={l} className="lang">
                      {l}
                    </span>
                  ))}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </main>
  );
}

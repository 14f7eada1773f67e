import { useEffect, useState } from 'react';
import type { RedubBridge } from '../../../common/contract';
import type { ModelInfo } from '../../../common/domain';

/** Read-only for now: which models the engine knows and whether they are installed. */
export function ModelsPanel({ api }: { api: RedubBridge }) {
  const [models, setModels] = useState<ModelInfo[] | null>(null);
  useEffect(() => {
    api.listModels({}).then(setModels, () => setModels([]));
  }, [api]);
  if (!models) return <p className="hint">Loading…</p>;
  if (models.length === 0) return <p className="hint">No model manifest found.</p>;
  return (
    <ul className="model-list" aria-label="Models">
      {models.map((m) => (
        <li key={m.name}>
          <div className="model-head">
            <span className="model-name">{m.name}</span>
            <span className={`badge ${m.installed ? 'fresh' : 'muted'}`}>{m.installed ? 'Installed' : 'Not installed'}</span>
          </div>
          <div className="dim small">
            {m.role} · {m.licence}
          </div>
        </li>
      ))}
    </ul>
  );
}

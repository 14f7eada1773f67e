import { useCallback, useEffect, useState } from 'react';
import type { RedubBridge } from '../../../common/contract';
import type { ModelDownload, ModelInfo, ModelsReport } from '../../../common/domain';
import { CacheCard } from './CacheCard';
import { FaceModelsSetup } from './FaceModelsSetup';
import { LicenceDialog } from './LicenceDialog';
import { ShortPath } from './ShortPath';
import { ModelRow } from './ModelRow';

const ROLE_ORDER = ['lipsync', 'enhance', 'expression', 'detect', 'landmarks'];
const ROLE_TITLE: Record<string, string> = {
  lipsync: 'Lip-sync',
  enhance: 'Face restoration',
  expression: 'Expression',
  detect: 'Face detection',
  landmarks: 'Face landmarks',
};

/** The provider inference runs on: the first usable one in the preference order. */
function providerInUse(r: ModelsReport): string {
  const usable = new Set(r.providers.filter((p) => p.usable).map((p) => p.name));
  return r.preference.find((p) => usable.has(p)) ?? 'cpu';
}

/** What the engine can run: models by role, where inference runs, downloads with licence consent. */
export function ModelsPanel({ api }: { api: RedubBridge }) {
  const [report, setReport] = useState<ModelsReport | null>(null);
  const [downloads, setDownloads] = useState<Record<string, ModelDownload>>({});
  const [asking, setAsking] = useState<ModelInfo | null>(null);
  const refresh = useCallback(() => api.listModels({}).then(setReport, () => undefined), [api]);

  useEffect(() => {
    void refresh();
    return api.onEvent((e) => {
      if (e.type === 'resync') void refresh();
      if (e.type !== 'modelDownload') return;
      setDownloads((d) => ({ ...d, [e.download.name]: e.download }));
      if (e.download.state !== 'running') void refresh();
    });
  }, [api, refresh]);

  if (!report) return <p className="hint">Loading…</p>;
  const inUse = providerInUse(report);
  const roles = ROLE_ORDER.filter((r) => report.models.some((m) => m.role === r));
  return (
    <div className="models">
      <FaceModelsSetup api={api} report={report} onReport={setReport} />
      <div className="card runtime" aria-label="Inference runtime">
        <h4>Inference</h4>
        <div className="runtime-line">
          <span className="badge fresh" data-testid="provider-in-use">
            {inUse.toUpperCase()}
          </span>
          <span className="dim small">order: {report.preference.join(' → ')}</span>
        </div>
        {report.providers
          .filter((p) => !p.usable && p.reason && report.preference.includes(p.name))
          .map((p) => (
            <p key={p.name} className="dim small runtime-note">
              {p.name.toUpperCase()}: {p.reason}
            </p>
          ))}
        {report.sessions.length > 0 && (
          <ul className="session-list">
            {report.sessions.map((s) => (
              <li key={s.model} className="small">
                <span className="mono">{s.model}</span> <span className="dim">on {s.provider}</span>
              </li>
            ))}
          </ul>
        )}
        <p className="dim small runtime-note">
          Models folder: <ShortPath path={report.dir} />
        </p>
      </div>
      <CacheCard api={api} />
      {roles.map((role) => (
        <section key={role} aria-label={ROLE_TITLE[role] ?? role}>
          <h4 className="section-title">{ROLE_TITLE[role] ?? role}</h4>
          <ul className="model-list" aria-label="Models">
            {report.models
              .filter((m) => m.role === role)
              .map((m) => (
                <ModelRow
                  key={m.name}
                  model={m}
                  download={downloads[m.name]}
                  onDownload={() => setAsking(m)}
                  onCancel={() => void api.cancelModelDownload({ name: m.name }).catch(() => undefined)}
                />
              ))}
          </ul>
        </section>
      ))}
      {asking && (
        <LicenceDialog
          model={asking}
          onCancel={() => setAsking(null)}
          onAccept={() => {
            const name = asking.name;
            setAsking(null);
            // Progress and the final state arrive as events; a failure is shown on the row.
            api.downloadModel({ name, acceptLicence: true }).then(refresh, () => undefined);
          }}
        />
      )}
    </div>
  );
}

import { useEffect, useState } from 'react';
import type { RedubBridge } from '../../../common/contract';
import type { ModelsReport } from '../../../common/domain';
import { shortenPaths } from '../paths';
import { useModelFetches } from '../state/modelFetchLog';
import { useModelsReport } from '../state/useModelsReport';
import { formatBytes } from './ModelRow';
import { PathDialog } from './PathDialog';
import { ShortPath } from './ShortPath';

interface Props {
  api: RedubBridge;
  report: ModelsReport;
  onReport(r: ModelsReport): void;
}

type Asking = 'file' | 'folder' | null;

/**
 * First run without the face models (offline, a firewall): which files lip-sync needs, where they
 * go, and two ways to bring them in. Electron uses the native pickers; in browser mode there is no
 * picker that yields a real path, so the path is typed. Gone once every face model is installed.
 */
export function FaceModelsSetup({ api, report, onReport }: Props) {
  const [electron, setElectron] = useState(false);
  const [asking, setAsking] = useState<Asking>(null);
  const [error, setError] = useState<string | null>(null);
  const fetches = useModelFetches();
  useEffect(() => {
    api.getAppInfo({}).then(
      (i) => setElectron(i.mode === 'electron'),
      () => undefined,
    );
  }, [api]);
  // The host's record covers tries made before this page; the live events an engine in another process.
  const failedDownload = report.faceModelsError !== null || report.faceModels.some((n) => fetches[n]?.state === 'failed');

  const needed = report.models.filter((m) => report.faceModels.includes(m.name));
  if (needed.every((m) => m.installed)) return null;
  const total = needed.reduce((n, m) => n + (m.size ?? 0), 0);

  const apply = async (kind: 'file' | 'folder', path: string) => {
    setAsking(null);
    setError(null);
    try {
      onReport(kind === 'file' ? await api.importModelFile({ path }) : await api.setModelsFolder({ path }));
    } catch (e) {
      setError(shortenPaths(e instanceof Error ? e.message : String(e)));
    }
  };
  const choose = async (kind: 'file' | 'folder') => {
    if (!electron) return setAsking(kind);
    const { path } = kind === 'file' ? await api.pickFile({ kind: 'model' }) : await api.pickFolder({ purpose: 'models' });
    if (path) await apply(kind, path);
  };

  return (
    <section className="card first-run" aria-label="Face models needed">
      <h3>Lip-sync needs {needed.length} small face model files</h3>
      <p className="small">
        Redub finds and follows the face with them ({formatBytes(total)} in all, free to use). It downloads them by itself the first time
        they are needed. {failedDownload && <strong>The download did not work: this computer seems to be offline. </strong>}
        You can bring them in yourself: import each file, or choose a folder that already has them.
      </p>
      <ul className="first-run-files" aria-label="Face model files">
        {needed.map((m) => (
          <li key={m.name} aria-label={m.file}>
            <span className="mono" title={m.file}>
              {m.file}
            </span>
            <span className="dim small">{m.size ? formatBytes(m.size) : ''}</span>
            <span className={`badge ${m.installed ? 'fresh' : 'stale'}`} data-testid="face-model-state">
              {m.installed ? 'Installed' : 'Missing'}
            </span>
          </li>
        ))}
      </ul>
      <p className="small dim">
        Models folder: <ShortPath path={report.dir} />
      </p>
      <div className="first-run-actions">
        <button type="button" className="btn primary" onClick={() => void choose('file')}>
          Import model file…
        </button>
        <button type="button" className="btn" onClick={() => void choose('folder')}>
          Choose models folder…
        </button>
      </div>
      {error && (
        <p className="job-error" role="alert">
          {error}
        </p>
      )}
      {asking && (
        <PathDialog
          title={asking === 'file' ? 'Import model file' : 'Choose models folder'}
          pathLabel={asking === 'file' ? 'Model file path' : 'Models folder path'}
          placeholder={asking === 'file' ? '/path/to/face_landmark_468.onnx' : '/path/to/models'}
          submitLabel={asking === 'file' ? 'Import' : 'Use this folder'}
          onCancel={() => setAsking(null)}
          onSubmit={(path) => void apply(asking, path)}
        />
      )}
    </section>
  );
}

/** The panel with its own copy of the models report (the welcome screen has no Models panel). */
export function FaceModelsNotice({ api }: { api: RedubBridge }) {
  const [report, setReport] = useModelsReport(api);
  return report ? <FaceModelsSetup api={api} report={report} onReport={setReport} /> : null;
}

import type { ModelDownload, ModelInfo } from '../../../common/domain';

export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1e3))} kB`;
}

interface Props {
  model: ModelInfo;
  download: ModelDownload | undefined;
  onDownload(): void;
  onCancel(): void;
}

/** One model: state, role, size, licence (non-commercial flagged), download with progress. */
export function ModelRow({ model, download, onDownload, onCancel }: Props) {
  const running = download?.state === 'running';
  const total = download?.total ?? model.size;
  const pct = running && total ? Math.min(100, Math.round((download.received / total) * 100)) : 0;
  return (
    <li aria-label={`Model ${model.name}`}>
      <div className="model-head">
        <span className="model-name" title={model.file}>
          {model.name}
        </span>
        <span className={`badge ${model.installed ? 'fresh' : 'muted'}`} data-testid="model-state">
          {model.installed ? 'Installed' : running ? 'Downloading' : 'Not installed'}
        </span>
      </div>
      <div className="model-meta dim small">
        {model.size !== null && <span>{formatBytes(model.size)}</span>}
        <span title={model.licence.name}>{model.licence.id}</span>
        {model.nonCommercial && <span className="badge nc">Non-commercial</span>}
      </div>
      {running && (
        <div className="model-progress">
          <div
            className="progress"
            role="progressbar"
            aria-label={`${model.name} download`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
          >
            <div className="progress-fill" style={{ width: `${pct}%` }} />
          </div>
          <span className="dim small">
            {formatBytes(download.received)}
            {total ? ` / ${formatBytes(total)}` : ''}
          </span>
          <button type="button" className="btn small ghost" onClick={onCancel} aria-label={`Cancel ${model.name} download`}>
            Cancel
          </button>
        </div>
      )}
      {!model.installed && !running && (
        <button type="button" className="btn small" onClick={onDownload} aria-label={`Download ${model.name}`}>
          {model.partialBytes > 0 ? `Resume (${formatBytes(model.partialBytes)} done)` : 'Download'}
        </button>
      )}
      {download?.state === 'failed' && download.error && (
        <p className="job-error" role="alert">
          {download.error}
        </p>
      )}
    </li>
  );
}

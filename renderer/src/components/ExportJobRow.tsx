import type { ExportJob } from '../../../common/domain';
import { FinishedJobActions } from './FinishedJobActions';

const STATE_LABEL: Record<ExportJob['state'], string> = {
  queued: 'Queued',
  running: 'Rendering',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/**
 * The engine sends an ETA only after a few seconds and frames of real work; the row also waits
 * for 2 % so a first guess from the slow start of a job is never shown as minutes.
 */
function eta(seconds: number | null, progress: number): string {
  if (seconds === null || !Number.isFinite(seconds) || progress < 0.02) return '';
  if (seconds < 60) return `${Math.ceil(seconds)} s left`;
  return `${Math.floor(seconds / 60)} min ${Math.ceil(seconds % 60)} s left`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** One job of the queue: what it writes, a progress bar with speed and ETA, cancel; retry and remove once it stopped. */
export function ExportJobRow({
  job,
  onCancel,
  onRetry,
  onRemove,
  onShow,
}: {
  job: ExportJob;
  onCancel(): void;
  onRetry(): void;
  onRemove(): void;
  /** Desktop app: play or show the finished file. */
  onShow?(action: 'play' | 'reveal'): void;
}) {
  const active = job.state === 'queued' || job.state === 'running';
  const pct = Math.round(job.progress * 100);
  return (
    <li className={`job job-${job.state}`} aria-label={`Export ${job.language} ${job.format}`}>
      <div className="job-top">
        <span className="lang">{job.language}</span>
        <span className="job-file" title={job.outPath}>
          {fileName(job.outPath)}
        </span>
        {job.farm && (
          <span className="badge muted" title={`Rendered on the farm ${job.farm}`} data-testid="job-farm">
            farm
          </span>
        )}
        <span className={`badge state-${job.state}`} data-testid="job-state">
          {job.state === 'running' && job.phase ? capitalise(job.phase) : STATE_LABEL[job.state]}
        </span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={`${job.language} export progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="progress-fill" style={{ width: `${job.state === 'done' ? 100 : pct}%` }} />
      </div>
      <div className="job-bottom">
        <span className="dim small">
          {job.state === 'running' &&
            `${pct}%${job.fps ? ` · ${job.fps.toFixed(0)} fps` : ''}${eta(job.eta, job.progress) ? ` · ${eta(job.eta, job.progress)}` : ''}`}
          {(job.state === 'queued' || job.state === 'failed') && `${job.format} · lip-sync ${job.lipsync}`}
          {job.state === 'done' && <span title={job.outPath}>{job.outPath}</span>}
          {job.state === 'cancelled' && 'Stopped; nothing was written.'}
        </span>
        {active && (
          <button type="button" className="btn small ghost" onClick={onCancel} aria-label={`Cancel ${job.language} export`}>
            Cancel
          </button>
        )}
        {!job.farm && (job.state === 'failed' || job.state === 'cancelled') && (
          <button type="button" className="btn small" onClick={onRetry} aria-label={`Retry ${job.language} export`}>
            Retry
          </button>
        )}
        {job.state === 'done' && <FinishedJobActions language={job.language} outPath={job.outPath} onShow={onShow} />}
        {job.state !== 'running' && (
          <button type="button" className="btn small ghost" onClick={onRemove} aria-label={`Remove ${job.language} export`}>
            Remove
          </button>
        )}
      </div>
      {job.state === 'failed' && job.error && (
        <p className="job-error" role="alert">
          {job.error}
        </p>
      )}
    </li>
  );
}

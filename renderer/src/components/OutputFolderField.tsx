import type { RedubBridge } from '../../../common/contract';

interface Props {
  api: RedubBridge;
  value: string;
  onChange(folder: string): void;
  /** Electron: a native folder picker exists. In browser mode there is none, so only the typed path. */
  desktop: boolean;
  /** A picker that failed (its message for the panel's error line). */
  onError(message: string): void;
}

/** The export's output folder: typed, or (desktop) chosen in the native dialog; a cancelled dialog keeps the old one. */
export function OutputFolderField({ api, value, onChange, desktop, onError }: Props) {
  const choose = () =>
    api.pickFolder({ purpose: 'output' }).then(
      ({ path }) => path && onChange(path),
      (e: Error) => onError(e.message),
    );
  return (
    <div className="field">
      <label htmlFor="export-dir">Output folder</label>
      <div className="path-row">
        <input id="export-dir" className="mono" value={value} onChange={(e) => onChange(e.target.value)} spellCheck={false} title={value} />
        {desktop && (
          <button type="button" className="btn" aria-label="Choose output folder" onClick={() => void choose()}>
            Choose…
          </button>
        )}
      </div>
    </div>
  );
}

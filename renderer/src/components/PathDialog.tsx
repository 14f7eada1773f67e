import { useEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  title: string;
  pathLabel: string;
  placeholder: string;
  submitLabel: string;
  /** Electron only: fills the field from the native picker. */
  onBrowse?(): Promise<string | null>;
  onSubmit(path: string): void;
  onCancel(): void;
  /** Extra fields above the path (e.g. the dub language). */
  children?: ReactNode;
}

/**
 * Modal asking for a file path. In Electron "Browse…" opens the native dialog; in browser mode
 * there is no picker that yields a real path, so the path is typed (or pasted).
 */
export function PathDialog({ title, pathLabel, placeholder, submitLabel, onBrowse, onSubmit, onCancel, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [path, setPath] = useState('');
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-label={title} onCancel={onCancel} onClose={onCancel}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) onSubmit(path.trim());
        }}
      >
        <h2>{title}</h2>
        {children}
        <div className="field">
          <label htmlFor="dialog-path">{pathLabel}</label>
          <div className="path-row">
            {/* With a native picker the path comes from it alone (the app only accepts picked files). */}
            <input
              id="dialog-path"
              autoFocus={!onBrowse}
              readOnly={Boolean(onBrowse)}
              spellCheck={false}
              placeholder={onBrowse ? 'Choose a file…' : placeholder}
              value={path}
              onChange={(e) => setPath(e.target.value)}
            />
            {onBrowse && (
              <button
                type="button"
                className="btn"
                onClick={async () => {
                  const p = await onBrowse();
                  if (p) setPath(p);
                }}
              >
                Browse…
              </button>
            )}
          </div>
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn ghost" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={!path.trim()}>
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { ModelInfo } from '../../../common/domain';
import { formatBytes } from './ModelRow';

/**
 * Downloading a model means accepting its licence: the dialog shows it (non-commercial ones
 * flagged) and the download is only asked for once the box is ticked. The licence URL is shown
 * as text: the editor never loads remote content.
 */
export function LicenceDialog({ model, onAccept, onCancel }: { model: ModelInfo; onAccept(): void; onCancel(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [accepted, setAccepted] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-label={`Licence of ${model.name}`} onCancel={onCancel} onClose={onCancel}>
      <form method="dialog" onSubmit={(e) => (e.preventDefault(), accepted && onAccept())}>
        <h2>Download {model.name}</h2>
        <p className="hint">
          {model.size ? `${formatBytes(model.size)} · ` : ''}
          {model.role} model
        </p>
        <div className={`licence-box ${model.nonCommercial ? 'nc' : ''}`}>
          <div className="licence-name">{model.licence.name}</div>
          <div className="dim small mono">
            {model.licence.id} · {model.licence.url}
          </div>
          {model.nonCommercial && (
            <p className="licence-warning" role="note">
              Non-commercial use only. Videos made with this model may not be used commercially.
            </p>
          )}
        </div>
        <label className="check">
          <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} />I accept the {model.licence.id}{' '}
          licence
        </label>
        <div className="dialog-actions">
          <button type="button" className="btn ghost" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={!accepted}>
            Accept and download
          </button>
        </div>
      </form>
    </dialog>
  );
}

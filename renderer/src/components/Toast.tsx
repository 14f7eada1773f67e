import { useEffect } from 'react';

/** One error at a time, read out by screen readers, gone after a while. */
export function Toast({ message, onClose }: { message: string | null; onClose(): void }) {
  useEffect(() => {
    if (!message) return;
    const t = window.setTimeout(onClose, 8000);
    return () => window.clearTimeout(t);
  }, [message, onClose]);
  if (!message) return null;
  return (
    <div className="toast" role="alert">
      <span>{message}</span>
      <button type="button" className="btn ghost small" aria-label="Dismiss" onClick={onClose}>
        ✕
      </button>
    </div>
  );
}

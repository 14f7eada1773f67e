import type { ProjectView } from '../../../common/domain';
import { Icon } from './Icon';

interface Props {
  project: ProjectView | null;
  busy: boolean;
  onOpen(): void;
  onAddDub(): void;
  onImportSubtitles(): void;
  onUndo(): void;
  onRedo(): void;
  onClose(): void;
}

export function TopBar({ project, busy, onOpen, onAddDub, onImportSubtitles, onUndo, onRedo, onClose }: Props) {
  const h = project?.history;
  return (
    <header className="topbar">
      <div className="brand" aria-label="Redub">
        <span className="brand-mark">R</span>
        <span className="brand-name">Redub</span>
      </div>
      <div className="project-title" aria-live="polite">
        {project ? (
          <>
            <span className="project-name" data-testid="project-name">
              {project.name}
            </span>
            <span className="project-meta">
              {project.source.width}×{project.source.height} · {+project.source.fps.toFixed(3)} fps
            </span>
          </>
        ) : (
          <span className="project-meta">No project open</span>
        )}
        {busy && <span className="spinner" role="status" aria-label="Working" />}
      </div>
      <div className="toolbar" role="toolbar" aria-label="Project">
        <button type="button" className="btn" onClick={onOpen} aria-label="Open video" title="Open video…">
          <Icon name="folder" /> <span>Open</span>
        </button>
        <button type="button" className="btn" onClick={onAddDub} disabled={!project} aria-label="Add dub track" title="Add dub track…">
          <Icon name="mic" /> <span>Add dub</span>
        </button>
        <button
          type="button"
          className="btn"
          onClick={onImportSubtitles}
          disabled={!project}
          aria-label="Import subtitles"
          title="Import subtitles (SRT, WebVTT) as segments…"
        >
          <Icon name="scissors" /> <span>Import subtitles…</span>
        </button>
        <span className="toolbar-sep" />
        <button
          type="button"
          className="btn icon"
          onClick={onUndo}
          disabled={!h?.canUndo}
          aria-label="Undo"
          title={`Undo${h?.undoLabel ? `: ${h.undoLabel}` : ''} (Ctrl+Z)`}
        >
          <Icon name="undo" />
        </button>
        <button
          type="button"
          className="btn icon"
          onClick={onRedo}
          disabled={!h?.canRedo}
          aria-label="Redo"
          title={`Redo${h?.redoLabel ? `: ${h.redoLabel}` : ''} (Ctrl+Shift+Z)`}
        >
          <Icon name="redo" />
        </button>
        {project && (
          <button type="button" className="btn ghost" onClick={onClose} aria-label="Close project">
            Close
          </button>
        )}
      </div>
    </header>
  );
}

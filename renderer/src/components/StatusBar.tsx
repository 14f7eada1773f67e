import { memo } from 'react';
import type { ProjectView } from '../../../common/domain';
import type { RenderState } from '../../../common/render-state';
import { segmentRenderText } from '../state/segmentRender';

/** Memoised: it depends on the project only, not on the playhead. */
export const StatusBar = memo(function StatusBar({ project, renderState }: { project: ProjectView; renderState?: RenderState | null }) {
  const s = project.source;
  // The same rule as the inspector's: the B language's chunks where known.
  const stale = project.segments.filter((x) => segmentRenderText(x, renderState ?? null).stale).length;
  return (
    <footer className="statusbar">
      <span title={s.path}>{s.path}</span>
      <span>
        {s.frameCount} frames · {s.duration.toFixed(2)} s{s.hasAudio ? '' : ' · no audio'}
      </span>
      <span>{stale > 0 ? `${stale} segment${stale === 1 ? '' : 's'} to render` : 'All segments rendered'}</span>
      <span className="dim">{project.history.undoLabel ? `Last edit: ${project.history.undoLabel}` : 'No edits yet'}</span>
      <span className="dim keys">Space play · J K L shuttle · ← → frame · I O marks · Enter render · S split · ⌘Z undo · + − zoom</span>
    </footer>
  );
});

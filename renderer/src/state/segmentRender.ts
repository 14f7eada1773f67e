import type { Segment } from '../../../common/domain';
import type { RenderState } from '../../../common/render-state';

/**
 * A segment's render state, from the B language's chunk files (the render bar's truth) where
 * they are known, else from the newest export's record of segment revisions.
 */
export function segmentRenderText(s: Segment, render: RenderState | null): { text: string; stale: boolean } {
  if (!s.lipsyncEnabled) return { text: 'Audio only — no lip-sync', stale: false };
  const chunks = render?.chunks.filter((c) => c.start < s.end && c.end > s.start) ?? [];
  if (render && chunks.length > 0) {
    const done = chunks.filter((c) => c.state === 'rendered').length;
    const lang = render.language.toUpperCase();
    if (done === chunks.length) return { text: `Rendered (${lang})`, stale: false };
    if (chunks.some((c) => c.state === 'stale')) return { text: `Stale — edited since its ${lang} render`, stale: true };
    if (done > 0) return { text: `Partly rendered (${lang}, ${done} of ${chunks.length} chunks)`, stale: true };
    return { text: 'Not rendered yet', stale: true };
  }
  if (s.renderedRevision === null) return { text: 'Not rendered yet', stale: true };
  if (s.renderedRevision < s.revision) return { text: `Stale — render is at r${s.renderedRevision}`, stale: true };
  return { text: 'Up to date', stale: false };
}

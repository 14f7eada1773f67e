import type { Speaker } from '../../../../common/domain';

/** Speaker colours: distinct from the emotion colours of segments and from the accent blue. */
const PALETTE = ['#f2a33a', '#3ccf91', '#e05cc8', '#56c2f0', '#c8d94a', '#ff7b6b', '#9d8cff', '#7fd1b9'];

/** A speaker's timeline colour (speakerN keeps the same colour through renames); null: the main speaker, uncoloured. */
export function speakerColor(id: string | null | undefined, speakers?: readonly Speaker[]): string | null {
  if (!id) return null;
  const known = speakers?.find((s) => s.id === id);
  const index = known?.color ?? Math.max(0, Number(/(\d+)$/.exec(id)?.[1] ?? 1) - 1);
  return PALETTE[index % PALETTE.length];
}

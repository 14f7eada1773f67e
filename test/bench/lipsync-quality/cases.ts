/** The cases of the lip-sync quality table, and `--only` filtering. */

export const CLIPS = ['talk3', 'talk5'] as const;

export type CaseKind = 'natural' | 'dub' | 'held-out' | 'espeak';

export interface BenchCase {
  clip: string;
  /** speech1, speech2, talkN (a clip's audio track), own, held-out, espeak. */
  dub: string;
  kind: CaseKind;
}

/** Real-speech dubs of a clip: the shared recordings, talk1/talk4's tracks and the other synced clip's. */
function realDubs(clip: string): string[] {
  return ['speech1', 'speech2', 'talk1', 'talk4', ...CLIPS.filter((c) => c !== clip)];
}

/**
 * Every case, or those `only` names: comma-separated `clip:dub` items, either side empty or
 * `*` for all (`talk3:speech1`, `talk5`, `:held-out`). A clip's natural row (its own audio, the
 * reference values) comes with any of its cases.
 */
export function benchCases(only?: string): BenchCase[] {
  const all: BenchCase[] = CLIPS.flatMap((clip) => [
    { clip, dub: 'own', kind: 'natural' as const },
    ...realDubs(clip).map((dub) => ({ clip, dub, kind: 'dub' as const })),
    { clip, dub: 'held-out', kind: 'held-out' as const },
    { clip, dub: 'espeak', kind: 'espeak' as const },
  ]);
  if (!only) return all;
  const wanted = only.split(',').map((item) => {
    const [clip = '', dub = ''] = item.trim().split(':');
    return { clip: clip === '*' ? '' : clip, dub: dub === '*' ? '' : dub };
  });
  const hit = (c: BenchCase) => wanted.some((w) => (!w.clip || w.clip === c.clip) && (!w.dub || w.dub === c.dub));
  const clips = new Set(all.filter(hit).map((c) => c.clip));
  return all.filter((c) => hit(c) || (c.kind === 'natural' && clips.has(c.clip)));
}

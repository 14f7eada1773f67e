import type { MismatchPolicy } from '../store/types';
import type { DubClip } from './audio-mix';
import { ffmpegTools, runTool } from './ffmpeg';

/**
 * A dub clip's slot, and what its mismatch policy does in it (docs/reference.md §6).
 *
 * The slot of a clip is the stretch of the timeline it may fill: from its start to the start of
 * the next clip on the same track (the next line of that speaker), or, for a track's last clip,
 * to the end of the output (the video's end; with the pad-video duration policy, the end of the
 * longest clip when that is later). Within it:
 *  - cut: plays at its own speed and stops at the slot's end (a short clip leaves silence);
 *  - pad: plays whole at its own speed (silence fills a short slot; a long clip runs on past it);
 *  - stretch: is time-stretched, pitch kept, to last exactly its slot.
 */

/** How a clip is fitted, in timeline seconds from its start. */
export type ClipFit = { mode: 'cut'; length: number } | { mode: 'stretch'; length: number; tempo: number; stretcher: Stretcher };

/** rubberband (better on speech) where the ffmpeg build has it, else atempo. */
export type Stretcher = 'rubberband' | 'atempo';

/** A clip as placed in the project: its track (slots are per track) and its policy. */
export interface PlacedClip extends DubClip {
  track?: string;
  mismatch?: MismatchPolicy;
  /** The speaker whose face the clip drives (project exports); null or absent: the main speaker. */
  speaker?: string | null;
}

/** Beyond this either way speech stops being speech: the stretch is limited, the rest is cut or padded. */
const MAX_TEMPO = 4;

/** atempo takes 0.5–2 per instance (and sounds best there): larger factors are a chain. */
export function atempoChain(tempo: number): string[] {
  const steps: string[] = [];
  let t = tempo;
  for (; t > 2; t /= 2) steps.push('atempo=2');
  for (; t < 0.5; t /= 0.5) steps.push('atempo=0.5');
  steps.push(`atempo=${t.toFixed(6)}`);
  return steps;
}

/** Filters that turn the trimmed clip into its fitted form (exactly `length` s for stretch). */
export function fitFilters(fit: ClipFit): string[] {
  const len = fit.length.toFixed(6);
  if (fit.mode === 'cut') return [`atrim=end=${len}`];
  const stretch = fit.stretcher === 'rubberband' ? [`rubberband=tempo=${fit.tempo.toFixed(6)}`] : atempoChain(fit.tempo);
  // A stretcher's output is only about tempo × shorter: pad and trim to the sample.
  return [...stretch, `apad=whole_dur=${len}`, `atrim=end=${len}`];
}

/** Where each clip's slot ends on the timeline. */
export function slotEnds(clips: readonly PlacedClip[], outputEnd: number): number[] {
  return clips.map((c) => {
    const next = clips.filter((o) => o !== c && o.track === c.track && o.start > c.start).map((o) => o.start);
    return Math.min(outputEnd, next.length ? Math.min(...next) : outputEnd);
  });
}

/**
 * The clips with their fits for an output ending at `outputEnd`. `lengths[i]` is clip i's
 * trimmed length in seconds. Clips without a policy (the CLI's plain dub) play as they are.
 */
export function fitToSlots(clips: readonly PlacedClip[], lengths: readonly number[], outputEnd: number, stretcher: Stretcher): DubClip[] {
  const ends = slotEnds(clips, outputEnd);
  return clips.map((c, i): DubClip => {
    const { track: _track, mismatch, speaker: _speaker, ...clip } = c;
    const slot = ends[i] - c.start;
    const length = lengths[i];
    if (!mismatch || mismatch === 'pad' || slot <= 0) return clip;
    if (mismatch === 'cut') return length > slot ? { ...clip, fit: { mode: 'cut', length: slot } } : clip;
    const tempo = Math.min(MAX_TEMPO, Math.max(1 / MAX_TEMPO, length / slot));
    return { ...clip, fit: { mode: 'stretch', length: slot, tempo, stretcher } };
  });
}

const stretchers = new Map<string, Promise<Stretcher>>();

/** Which time-stretch filter this ffmpeg has (asked once per binary). */
export function availableStretcher(): Promise<Stretcher> {
  const { ffmpeg } = ffmpegTools();
  let s = stretchers.get(ffmpeg);
  if (!s) {
    s = runTool(ffmpeg, ['-hide_banner', '-filters']).then((r) =>
      /^\s*\S+\s+rubberband\s/m.test(r.stdout.toString()) ? 'rubberband' : 'atempo',
    );
    stretchers.set(ffmpeg, s);
  }
  return s;
}

import type { DubClip } from '../../../common/domain';

type Mismatch = DubClip['mismatch'];

/** What each mismatch policy does, as the clip inspector and the timeline's long-dub warning name it. */
export const MISMATCH_LABEL: Record<Mismatch, string> = {
  cut: 'Cut — stop at the slot’s end',
  pad: 'Pad — silence after a short clip',
  stretch: 'Stretch — time-fit to the slot',
};

/** The engine's limit on time-stretching either way (main/engine/media/clip-fit.ts MAX_TEMPO). */
const MAX_TEMPO = 4;

/**
 * What an export does with a clip that runs `over` seconds past the video's end, in words.
 * The editor's exports end with the video, so only stretch keeps the whole line (faster).
 */
export function longDubEffect(mode: Mismatch, length: number, slot: number, over: number): string {
  const lost = `${over.toFixed(1)} s`;
  if (mode === 'cut') return `Cut: the dub stops where the video ends; its last ${lost} are not heard.`;
  if (mode === 'pad') return `Pad: the dub plays at its own speed; the export ends with the video, so its last ${lost} are not heard.`;
  const tempo = slot > 0 ? length / slot : Infinity;
  if (tempo > MAX_TEMPO)
    return `Stretch: the dub plays ${MAX_TEMPO}× faster (the most), pitch kept; the rest is still cut at the video's end.`;
  return `Stretch: the whole dub plays ${tempo.toFixed(2)}× faster, pitch kept, to end with the video.`;
}

import { LIP_CONTOUR } from './mouth-shape';
import type { VisemeEvent } from './script-align';

/**
 * Visemes from the script's phonemes (espeak-ng mnemonics): p, b, m close the lips; f, v bring
 * the lower lip to the teeth; rounded vowels and w round (narrow) them; open vowels open them.
 * Everything else is left to the audio → mouth model.
 */
export type Viseme = 'closed' | 'labiodental' | 'rounded' | 'open' | 'other';

export function visemeOf(phoneme: string): Viseme {
  const p = phoneme.replace(/[:;]/g, '');
  if (/^(p|b|m|m-|B)$/.test(p)) return 'closed';
  if (/^(f|v)$/.test(p)) return 'labiodental';
  if (/^(o|O|u|U|w|y|Y|W|0|oU|u:|O:|OI|aU|@U|V")/.test(p)) return 'rounded';
  if (/^(a|A|&|aI|a#|A:|V)/.test(p)) return 'open';
  return 'other';
}

export interface VisemeShapes {
  /** Lips together (the bank's most closed speaking mouth). */
  closed: Float32Array;
  /** A wide-open mouth of this speaker. */
  open: Float32Array;
}

export interface FrameVisemes {
  /** Per output frame, the wanted shape after the visemes (mouthShape() coordinates). */
  shapes: Float32Array[];
  /** Per output frame, the extra weight the selection gives the mouth there (1 = none). */
  weights: Float32Array;
}

const PRIORITY: Record<Viseme, number> = { other: 0, open: 1, rounded: 2, labiodental: 3, closed: 4 };

/** How much narrower a rounded mouth is than the predicted one. */
const ROUNDING = 0.82;
const INNER_UPPER = 2 * LIP_CONTOUR.indexOf(13) + 1;
const INNER_LOWER = 2 * LIP_CONTOUR.indexOf(14) + 1;
const gap = (s: Float32Array) => s[INNER_LOWER] - s[INNER_UPPER];

function lerp(a: Float32Array, b: Float32Array, t: number): Float32Array {
  return Float32Array.from(a, (v, i) => v + (b[i] - v) * t);
}

/** The output frames a span covers: those whose centre lies in it, at least the nearest one. */
function framesOf(e: VisemeEvent, fps: number, count: number): number[] {
  const a = Math.ceil(e.start * fps - 0.5);
  const b = Math.floor(e.end * fps - 0.5);
  const out: number[] = [];
  for (let i = Math.max(0, a); i <= Math.min(count - 1, b); i++) out.push(i);
  const mid = Math.round(((e.start + e.end) / 2) * fps - 0.5);
  return out.length || mid < 0 || mid >= count ? out : [mid];
}

/** Applies aligned visemes to the predicted shapes (which are not modified). */
export function applyVisemes(predicted: Float32Array[], events: VisemeEvent[], fps: number, shapes: VisemeShapes): FrameVisemes {
  const out = predicted.slice();
  const weights = new Float32Array(predicted.length).fill(1);
  // Later wins: a closure overrides the vowel it shares a frame with.
  const order = [...events].sort((a, b) => PRIORITY[a.viseme] - PRIORITY[b.viseme]);
  for (const e of order) {
    for (const i of framesOf(e, fps, out.length)) {
      const s = out[i];
      if (e.viseme === 'closed') {
        out[i] = shapes.closed;
        weights[i] = 4;
      } else if (e.viseme === 'labiodental') {
        out[i] = lerp(s, shapes.closed, 0.7);
        weights[i] = 2;
      } else if (e.viseme === 'rounded') {
        out[i] = Float32Array.from(s, (v, k) => (k % 2 === 0 ? v * ROUNDING : v));
        weights[i] = 2;
      } else if (e.viseme === 'open' && gap(s) < gap(shapes.open)) {
        out[i] = lerp(s, shapes.open, 0.5);
        weights[i] = 1.5;
      }
    }
  }
  return { shapes: out, weights };
}

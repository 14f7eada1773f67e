import type { EmotionTemplate } from '../store/types';

export interface EmotionSpan {
  /** Seconds on the output timeline. */
  start: number;
  end: number;
  template: EmotionTemplate;
  /** 0..1 */
  intensity: number;
}

/** Frames over which an expression eases in and out at a segment's border. */
export const EASE_FRAMES = 6;

const smoothstep = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x));

/**
 * How strongly each template applies at frame i: each span's intensity, ramped smoothly over
 * EASE_FRAMES centred on its borders, so expressions cross-fade between segments instead of
 * snapping. Neighbouring spans' ramps sum to the full weight at every frame.
 */
export function templateWeightsAt(spans: EmotionSpan[], frame: number, fps: number): Partial<Record<EmotionTemplate, number>> {
  const t = (frame + 0.5) / fps;
  const half = EASE_FRAMES / 2 / fps;
  const weights: Partial<Record<EmotionTemplate, number>> = {};
  for (const s of spans) {
    // A span that starts the video has nothing to ease in from.
    const rampIn = s.start <= 0 ? 1 : smoothstep((t - (s.start - half)) / (2 * half));
    const ramp = Math.min(rampIn, smoothstep((s.end + half - t) / (2 * half)));
    if (ramp <= 0 || s.intensity <= 0) continue;
    weights[s.template] = (weights[s.template] ?? 0) + ramp * Math.min(1, s.intensity);
  }
  return weights;
}

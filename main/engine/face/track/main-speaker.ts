import { mouthOpenness } from '../geometry';
import type { FrameFaces, TrackedFace } from '../types';

interface TrackStats {
  frames: number;
  area: number;
  centrality: number;
  openness: number[];
}

function std(v: number[]): number {
  if (v.length < 2) return 0;
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
}

function collect(frames: FrameFaces[], width: number, height: number): Map<number, TrackStats> {
  const stats = new Map<number, TrackStats>();
  const halfDiag = Math.hypot(width, height) / 2;
  const add = (f: TrackedFace) => {
    const s = stats.get(f.trackId) ?? { frames: 0, area: 0, centrality: 0, openness: [] };
    const cx = f.box.x + f.box.w / 2,
      cy = f.box.y + f.box.h / 2;
    s.frames++;
    s.area += (f.box.w * f.box.h) / (width * height);
    s.centrality += 1 - Math.min(1, Math.hypot(cx - width / 2, cy - height / 2) / halfDiag);
    s.openness.push(mouthOpenness(f.landmarks));
    stats.set(f.trackId, s);
  };
  for (const fr of frames) fr.faces.forEach(add);
  return stats;
}

/**
 * The main speaker: on screen longest, largest, most central, and whose mouth moves most.
 * Each factor is relative, so a small far face rarely wins over a close-up.
 */
export function pickMainSpeaker(frames: FrameFaces[], width: number, height: number): number | null {
  let best: number | null = null;
  let bestScore = -Infinity;
  for (const [id, s] of collect(frames, width, height)) {
    const presence = s.frames / Math.max(1, frames.length);
    const size = Math.sqrt(s.area / s.frames);
    const centre = s.centrality / s.frames;
    // Mouth motion: openness std is ~0.01 (still) to ~0.05 (talking) of face height.
    const talk = 1 + 20 * std(s.openness);
    const score = presence * size * (0.5 + 0.5 * centre) * talk;
    if (score > bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}

import { pearson } from '../analysis/stats';
import type { FaceTrack } from '../face/types';
import { MESH_POINTS } from '../face/types';
import { geometrySignatures } from './geometry-signature';

/** One face track (within one shot) and what identifies its person. */
export interface TrackSignature {
  trackId: number;
  frames: number;
  firstFrame: number;
  texture: number[];
  colour: number[];
  geometry: Float32Array;
}

export interface SignatureDistance {
  texture: number;
  colour: number;
  geometry: number;
  /** The combined distance: below 1 is the same person. */
  total: number;
}

/**
 * What a distance of 1 means for each part, measured on talk3/talk5 shots (test/engine/speakers):
 * the same person in two shots scores about a third of these, two people several times them.
 */
const SCALE = { texture: 0.12, colour: 0.015, geometry: 0.02 };

export function trackSignatures(track: FaceTrack): TrackSignature[] {
  const geometry = geometrySignatures(track);
  const stats = new Map<number, { frames: number; first: number }>();
  for (const fr of track.frames)
    for (const f of fr.faces) {
      const s = stats.get(f.trackId) ?? { frames: 0, first: fr.index };
      s.frames++;
      stats.set(f.trackId, s);
    }
  return (track.appearance ?? [])
    .filter((a) => stats.has(a.trackId) && geometry.has(a.trackId))
    .map((a) => ({
      trackId: a.trackId,
      frames: stats.get(a.trackId)!.frames,
      firstFrame: stats.get(a.trackId)!.first,
      texture: a.mean.slice(0, MESH_POINTS),
      colour: a.mean.slice(MESH_POINTS),
      geometry: geometry.get(a.trackId)!,
    }));
}

export function signatureDistance(a: TrackSignature, b: TrackSignature): SignatureDistance {
  const texture = 1 - (pearson(a.texture, b.texture) || 0);
  const colour = Math.hypot(...a.colour.map((v, i) => v - b.colour[i]));
  let geometry = 0;
  for (let i = 0; i < a.geometry.length; i++) geometry += Math.abs(a.geometry[i] - b.geometry[i]) / a.geometry.length;
  const total = (texture / SCALE.texture + colour / SCALE.colour + geometry / SCALE.geometry) / 3;
  return { texture, colour, geometry, total };
}

/** Pairs of tracks seen in the same frame: two faces at once are two people. */
function together(track: FaceTrack): Set<string> {
  const out = new Set<string>();
  for (const fr of track.frames)
    for (const a of fr.faces) for (const b of fr.faces) if (a.trackId < b.trackId) out.add(`${a.trackId}:${b.trackId}`);
  return out;
}

/**
 * Groups the tracks of a video into people: average-linkage clustering of track signatures,
 * closest pair first, stopping at distance 1; two tracks that share a frame never join.
 * Returns the groups (track ids), in order of first appearance.
 */
export function groupTracks(track: FaceTrack): number[][] {
  const sigs = trackSignatures(track);
  const apart = together(track);
  const dist = (a: TrackSignature, b: TrackSignature) => signatureDistance(a, b).total;
  let groups = sigs.map((s) => [s]);
  for (;;) {
    let best: [number, number] | undefined;
    let bestD = 1;
    for (let i = 0; i < groups.length; i++)
      for (let j = i + 1; j < groups.length; j++) {
        if (groups[i].some((a) => groups[j].some((b) => apart.has(`${Math.min(a.trackId, b.trackId)}:${Math.max(a.trackId, b.trackId)}`))))
          continue;
        const d = groups[i].reduce((s, a) => s + groups[j].reduce((t, b) => t + dist(a, b), 0), 0) / (groups[i].length * groups[j].length);
        if (d < bestD) [best, bestD] = [[i, j], d];
      }
    if (!best) break;
    const [i, j] = best;
    groups = groups.filter((_, k) => k !== j).map((g, k) => (k === i ? [...g, ...groups[j]] : g));
  }
  const first = (g: TrackSignature[]) => Math.min(...g.map((s) => s.firstFrame));
  return groups.sort((a, b) => first(a) - first(b)).map((g) => g.map((s) => s.trackId).sort((a, b) => a - b));
}

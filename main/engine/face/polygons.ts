import { JAW, NOSE_LINE } from './mesh-regions';

export type Pt = [number, number];

/** Convex hull (monotone chain), counter-clockwise. */
export function convexHull(pts: Pt[]): Pt[] {
  const p = [...pts].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: Pt, a: Pt, b: Pt) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: Pt[]) => {
    const h: Pt[] = [];
    for (const q of list) {
      while (h.length >= 2 && cross(h[h.length - 2], h[h.length - 1], q) <= 0) h.pop();
      h.push(q);
    }
    h.pop();
    return h;
  };
  return [...half(p), ...half([...p].reverse())];
}

/**
 * The lower face (what lip-sync may change): the jaw part of the face oval, ear to ear under
 * the chin, plus the nose line, as one convex outline. The one definition that evaluation,
 * compositing masks and the debug overlay share.
 */
export function lowerFacePolygon(landmarks: Float32Array): Pt[] {
  return convexHull([...JAW, ...NOSE_LINE].map((i) => [landmarks[3 * i], landmarks[3 * i + 1]] as Pt));
}

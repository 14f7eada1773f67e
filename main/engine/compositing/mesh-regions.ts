/**
 * Mesh regions and point access for compositing. The index lists live in face/mesh-regions.ts
 * (one list for the whole engine); compositing only reads them, never the face engine's state.
 */
export { CHIN, FACE_OVAL, FOREHEAD_TOP, JAW, LIPS_INNER, LIPS_OUTER, NOSE_LINE } from '../face/mesh-regions';

export type Point = [number, number];

export function meshPoint(landmarks: Float32Array, i: number): Point {
  return [landmarks[3 * i], landmarks[3 * i + 1]];
}

export function meshPoints(landmarks: Float32Array, idx: readonly number[]): Point[] {
  return idx.map((i) => meshPoint(landmarks, i));
}

/** Forehead-to-chin distance (the face engine's measure): the scale masks are sized by. */
export { faceHeight } from '../face/geometry';

/** A detected face in frame pixels: box plus BlazeFace's six keypoints. */
export interface FaceDetection {
  score: number;
  /** Top-left corner and size. */
  x: number;
  y: number;
  w: number;
  h: number;
  /**
   * 6 keypoints interleaved x,y: right eye, left eye (subject's sides), nose tip,
   * mouth centre, right ear tragion, left ear tragion.
   */
  keypoints: Float32Array;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function iou(a: Rect, b: Rect): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = ix * iy;
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

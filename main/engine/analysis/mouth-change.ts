import { faceHeight } from '../face/geometry';
import { LIPS_OUTER } from '../face/mesh-regions';

/** Pixel box [x0, x1) × [y0, y1). */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The outer lips' bounding box, grown by `pad` × face height on every side, clipped to the frame. */
export function mouthBox(landmarks: Float32Array, width: number, height: number, scale = 1, pad = 0.1): PixelBox {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const k of LIPS_OUTER) {
    x0 = Math.min(x0, landmarks[3 * k]);
    x1 = Math.max(x1, landmarks[3 * k]);
    y0 = Math.min(y0, landmarks[3 * k + 1]);
    y1 = Math.max(y1, landmarks[3 * k + 1]);
  }
  const p = pad * faceHeight(landmarks);
  const clip = (v: number, max: number) => Math.max(0, Math.min(max, Math.round(v * scale)));
  return { x0: clip(x0 - p, width), y0: clip(y0 - p, height), x1: clip(x1 + p, width), y1: clip(y1 + p, height) };
}

const luma = (d: Uint8Array, k: number) => 0.299 * d[k] + 0.587 * d[k + 1] + 0.114 * d[k + 2];

/**
 * Mouth-region temporal change: for each frame after the first, the mean absolute grey-level
 * (BT.601 luma, 0–255) difference from the previous frame inside that frame's mouth box;
 * then the mean over frames. Lip motion counts, and so does every colour or shading pop.
 */
export class MouthTemporalChange {
  private prev: Uint8Array | undefined;
  private sum = 0;
  private n = 0;

  constructor(private readonly width: number) {}

  /** Frames in order; `box` undefined where there is no face (the frame still becomes "previous"). */
  add(rgb: Uint8Array, box: PixelBox | undefined): void {
    const prev = this.prev;
    this.prev = rgb;
    if (!prev || !box || box.x1 <= box.x0 || box.y1 <= box.y0) return;
    let diff = 0;
    for (let y = box.y0; y < box.y1; y++) {
      for (let x = box.x0; x < box.x1; x++) {
        const k = 3 * (y * this.width + x);
        diff += Math.abs(luma(rgb, k) - luma(prev, k));
      }
    }
    this.sum += diff / ((box.x1 - box.x0) * (box.y1 - box.y0));
    this.n++;
  }

  /** Grey levels per frame; NaN before two frames with a face. */
  mean(): number {
    return this.n ? this.sum / this.n : NaN;
  }
}

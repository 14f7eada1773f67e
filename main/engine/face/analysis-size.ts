import type { TrackedFace } from './types';

/**
 * Analysis resolution. Face Mesh sees a 192² crop and the detector 128²/192², so decoding a
 * 4K frame at full size (25 MB through the pipe) buys nothing; frames are decoded with their
 * long side capped and landmarks mapped back to source pixels.
 */
export const DEFAULT_MAX_ANALYSIS_SIDE = 1920;

export interface AnalysisSize {
  width: number;
  height: number;
  /** Source pixels per analysis pixel. */
  sx: number;
  sy: number;
}

export function analysisSize(width: number, height: number, maxSide: number): AnalysisSize | undefined {
  const k = maxSide / Math.max(width, height);
  if (k >= 1) return undefined;
  // Even sizes: yuv420 scalers and encoders downstream prefer them.
  const w = Math.max(2, 2 * Math.round((width * k) / 2));
  const h = Math.max(2, 2 * Math.round((height * k) / 2));
  return { width: w, height: h, sx: width / w, sy: height / h };
}

/** New faces in source pixels (the tracker keeps its own, in analysis pixels). */
export function toSourcePixels(faces: TrackedFace[], s: AnalysisSize | undefined): TrackedFace[] {
  if (!s) return faces;
  return faces.map((f) => {
    const p = new Float32Array(f.landmarks.length);
    for (let i = 0; i < p.length; i += 3) {
      p[i] = f.landmarks[i] * s.sx;
      p[i + 1] = f.landmarks[i + 1] * s.sy;
      p[i + 2] = f.landmarks[i + 2] * s.sx;
    }
    const box = { x: f.box.x * s.sx, y: f.box.y * s.sy, w: f.box.w * s.sx, h: f.box.h * s.sy };
    return { ...f, box, landmarks: p };
  });
}

import { lowerFacePolygon } from '../face/polygons';
import { FACE_OVAL, LIPS_INNER, LIPS_OUTER } from '../face/mesh-regions';
import { facesOf } from '../face/stage';
import type { FaceTrackStage } from '../face/stage';
import type { VideoFrame } from '../pipeline/frame';
import type { FrameStage } from '../pipeline/stage';

type Rgb = [number, number, number];

function plot(f: VideoFrame, x: number, y: number, c: Rgb): void {
  const xi = Math.round(x),
    yi = Math.round(y);
  if (xi < 0 || yi < 0 || xi >= f.width || yi >= f.height) return;
  f.data.set(c, (yi * f.width + xi) * 3);
}

function line(f: VideoFrame, a: [number, number], b: [number, number], c: Rgb): void {
  const steps = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1])));
  for (let s = 0; s <= steps; s++) plot(f, a[0] + ((b[0] - a[0]) * s) / steps, a[1] + ((b[1] - a[1]) * s) / steps, c);
}

function polygon(f: VideoFrame, pts: [number, number][], c: Rgb): void {
  pts.forEach((p, i) => line(f, p, pts[(i + 1) % pts.length], c));
}

const ring = (p: Float32Array, idx: readonly number[]) => idx.map((i) => [p[3 * i], p[3 * i + 1]] as [number, number]);

/**
 * `--debug-overlay`: draws what the engine sees — every landmark (green; the main speaker's
 * track is brighter), the face oval (blue), the lips (red) and the lower-face mask (yellow).
 */
export class DebugOverlayStage implements FrameStage {
  readonly name = 'debug-overlay';
  readonly phase = null;

  constructor(private readonly faces: FaceTrackStage) {}

  async prepare(): Promise<void> {}

  async process(batch: VideoFrame[]): Promise<VideoFrame[]> {
    const main = this.faces.track?.mainTrackId;
    for (const f of batch) {
      for (const face of facesOf(f)) {
        const p = face.landmarks;
        const dot: Rgb = face.trackId === main ? [0, 255, 0] : [0, 120, 0];
        for (let i = 0; i < p.length; i += 3) plot(f, p[i], p[i + 1], dot);
        polygon(f, ring(p, FACE_OVAL), [40, 120, 255]);
        polygon(f, ring(p, LIPS_OUTER), [255, 40, 40]);
        polygon(f, ring(p, LIPS_INNER), [255, 40, 40]);
        polygon(f, lowerFacePolygon(p), [255, 220, 0]);
      }
    }
    return batch;
  }

  async release(): Promise<void> {}
}

import { headRoll } from '../geometry';
import { OneEuroVector, type OneEuroParams } from './one-euro';

/**
 * Landmark smoothing in two parts. Jitter of a still head is mostly the whole mesh shaking
 * (a rigid motion), while speech is local deformation (lips, jaw). So the rigid pose —
 * centre, scale, roll of the stable upper face — is smoothed hard, and the shape in
 * face-normalised coordinates lightly: eyes stop shaking, mouth peaks survive.
 */
export interface FaceSmoothing {
  pose: OneEuroParams;
  shape: OneEuroParams;
}

export const DEFAULT_SMOOTHING: FaceSmoothing = {
  pose: { minCutoff: 0.5, beta: 2, dCutoff: 1 },
  shape: { minCutoff: 2, beta: 40, dCutoff: 1 },
};

/** Upper-face points that speech does not move: eye corners, brow line, nose bridge, cheeks. */
const STABLE = [33, 133, 362, 263, 168, 6, 197, 10, 151, 234, 454, 1];

interface Pose {
  cx: number;
  cy: number;
  scale: number;
  angle: number;
}

function poseOf(p: Float32Array): Pose {
  let cx = 0,
    cy = 0;
  for (const i of STABLE) {
    cx += p[3 * i];
    cy += p[3 * i + 1];
  }
  cx /= STABLE.length;
  cy /= STABLE.length;
  let ss = 0;
  for (const i of STABLE) ss += (p[3 * i] - cx) ** 2 + (p[3 * i + 1] - cy) ** 2;
  const scale = Math.sqrt(ss / STABLE.length);
  const angle = headRoll(p);
  return { cx, cy, scale, angle };
}

/** Frame pixels → shape coordinates (pose removed), or back. */
function toShape(p: Float32Array, q: Pose): Float32Array {
  const c = Math.cos(-q.angle) / q.scale,
    s = Math.sin(-q.angle) / q.scale;
  const out = new Float32Array(p.length);
  for (let i = 0; i < p.length; i += 3) {
    const x = p[i] - q.cx,
      y = p[i + 1] - q.cy;
    out[i] = c * x - s * y;
    out[i + 1] = s * x + c * y;
    out[i + 2] = p[i + 2] / q.scale;
  }
  return out;
}

function fromShape(shape: Float32Array, q: Pose): Float32Array {
  const c = Math.cos(q.angle) * q.scale,
    s = Math.sin(q.angle) * q.scale;
  const out = new Float32Array(shape.length);
  for (let i = 0; i < shape.length; i += 3) {
    out[i] = c * shape[i] - s * shape[i + 1] + q.cx;
    out[i + 1] = s * shape[i] + c * shape[i + 1] + q.cy;
    out[i + 2] = shape[i + 2] * q.scale;
  }
  return out;
}

export class FaceSmoother {
  private readonly pose: OneEuroVector;
  private readonly shape: OneEuroVector;

  constructor(p: FaceSmoothing = DEFAULT_SMOOTHING) {
    this.pose = new OneEuroVector(p.pose);
    this.shape = new OneEuroVector(p.shape);
  }

  /** `t` in seconds. Returns new smoothed landmarks; the input is left as is. */
  filter(points: Float32Array, t: number): Float32Array {
    const raw = poseOf(points);
    // Pose as pixel-like values: the angle is weighted by the face scale so one speed unit fits all.
    const v = Float32Array.of(raw.cx, raw.cy, raw.scale, raw.angle * raw.scale);
    const f = this.pose.filter(v, t, raw.scale);
    const pose = { cx: f[0], cy: f[1], scale: f[2], angle: f[3] / Math.max(f[2], 1e-6) };
    // Shape speed is already in face units: scale 1.
    const shape = this.shape.filter(toShape(points, raw), t, 1);
    return fromShape(shape, pose);
  }
}

/**
 * LivePortrait's implicit-keypoint algebra (the paper's x = s·(x_c·R + δ) + t), which the
 * generator is driven with. The reference names the motion extractor's outputs (pitch, yaw,
 * roll, scale, translation, expression, motion_points) but not their shapes; this module
 * takes them as flat arrays of K keypoints × 3, angles in degrees, as LivePortrait's code does.
 */
export interface Motion {
  pitch: number;
  yaw: number;
  roll: number;
  scale: number;
  /** [tx, ty, tz]; LivePortrait drives with tz = 0. */
  translation: Float32Array;
  /** Expression deltas δ, K×3. */
  expression: Float32Array;
  /** Canonical keypoints x_c, K×3. */
  points: Float32Array;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** R = Rz(roll)·Ry(yaw)·Rx(pitch), row-major 3×3. */
export function rotation(pitch: number, yaw: number, roll: number): Float64Array {
  const [p, y, r] = [rad(pitch), rad(yaw), rad(roll)];
  const rx = [1, 0, 0, 0, Math.cos(p), -Math.sin(p), 0, Math.sin(p), Math.cos(p)];
  const ry = [Math.cos(y), 0, Math.sin(y), 0, 1, 0, -Math.sin(y), 0, Math.cos(y)];
  const rz = [Math.cos(r), -Math.sin(r), 0, Math.sin(r), Math.cos(r), 0, 0, 0, 1];
  return mul3(rz, mul3(ry, rx));
}

function mul3(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) out[3 * i + j] += a[3 * i + k] * b[3 * k + j];
  return out;
}

/** Expression deltas with a template's offsets added (weighted by intensity). */
export function offsetExpression(expression: Float32Array, offsets: Float32Array | undefined, intensity: number): Float32Array {
  const out = expression.slice();
  if (!offsets) return out;
  if (offsets.length !== out.length) throw new Error(`expression offsets have ${offsets.length} values, the model's deltas ${out.length}`);
  for (let i = 0; i < out.length; i++) out[i] += intensity * offsets[i];
  return out;
}

/** Driven keypoints: s·(x_c·R + δ) + t on row vectors, tz dropped (as LivePortrait drives them). */
export function drivenKeypoints(m: Motion, expression = m.expression): Float32Array {
  const R = rotation(m.pitch, m.yaw, m.roll);
  const out = new Float32Array(m.points.length);
  for (let k = 0; k < m.points.length; k += 3) {
    for (let j = 0; j < 3; j++) {
      const rotated = m.points[k] * R[j] + m.points[k + 1] * R[3 + j] + m.points[k + 2] * R[6 + j];
      const t = j < 2 ? (m.translation[j] ?? 0) : 0;
      out[k + j] = m.scale * (rotated + expression[k + j]) + t;
    }
  }
  return out;
}

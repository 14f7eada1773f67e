import { faceHeight, MESH } from '../face/geometry';
import { MESH_POINTS } from '../face/types';
import type { VideoFrame } from '../pipeline/frame';

/**
 * A face's appearance, sampled on its own mesh (so it is already "aligned": point i is the same
 * spot of the face whatever the pose or scale): the grey level around each of the 468 points,
 * normalised over the face (texture: skin, brows, beard, glasses, lit the same way or not), then the
 * mean chromaticity of the face and of the hair just above the forehead (colour).
 */
export const APPEARANCE_LENGTH = MESH_POINTS + 4;

interface Rgb {
  r: number;
  g: number;
  b: number;
}

function patchMean(frame: VideoFrame, x: number, y: number, radius: number): Rgb {
  const { width: w, height: h, data } = frame;
  const out = { r: 0, g: 0, b: 0 };
  let n = 0;
  const x0 = Math.max(0, Math.round(x - radius)),
    x1 = Math.min(w - 1, Math.round(x + radius));
  const y0 = Math.max(0, Math.round(y - radius)),
    y1 = Math.min(h - 1, Math.round(y + radius));
  for (let yy = y0; yy <= y1; yy++) {
    for (let xx = x0; xx <= x1; xx++) {
      const k = 3 * (yy * w + xx);
      out.r += data[k];
      out.g += data[k + 1];
      out.b += data[k + 2];
      n++;
    }
  }
  return n ? { r: out.r / n, g: out.g / n, b: out.b / n } : out;
}

const chroma = (c: Rgb): [number, number] => {
  const s = c.r + c.g + c.b + 1e-6;
  return [c.r / s, c.g / s];
};

/** One sample of a face's appearance on an RGB24 frame (landmarks in that frame's pixels). */
export function faceAppearance(frame: VideoFrame, landmarks: Float32Array): Float32Array {
  const out = new Float32Array(APPEARANCE_LENGTH);
  const height = faceHeight(landmarks);
  const radius = Math.max(1, height / 80);
  const sum = { r: 0, g: 0, b: 0 };
  for (let i = 0; i < MESH_POINTS; i++) {
    const c = patchMean(frame, landmarks[3 * i], landmarks[3 * i + 1], radius);
    out[i] = 0.299 * c.r + 0.587 * c.g + 0.114 * c.b;
    sum.r += c.r;
    sum.g += c.g;
    sum.b += c.b;
  }
  let mean = 0;
  for (let i = 0; i < MESH_POINTS; i++) mean += out[i] / MESH_POINTS;
  let sd = 0;
  for (let i = 0; i < MESH_POINTS; i++) sd += (out[i] - mean) ** 2 / MESH_POINTS;
  sd = Math.sqrt(sd) || 1;
  for (let i = 0; i < MESH_POINTS; i++) out[i] = (out[i] - mean) / sd;
  [out[MESH_POINTS], out[MESH_POINTS + 1]] = chroma(sum);
  // Hair: a patch a sixth of the face height above the forehead top, along the face's up direction.
  const top = MESH.foreheadTop,
    chin = MESH.chin;
  const ux = (landmarks[3 * top] - landmarks[3 * chin]) / (height || 1),
    uy = (landmarks[3 * top + 1] - landmarks[3 * chin + 1]) / (height || 1);
  const hair = patchMean(frame, landmarks[3 * top] + (ux * height) / 6, landmarks[3 * top + 1] + (uy * height) / 6, height / 16);
  [out[MESH_POINTS + 2], out[MESH_POINTS + 3]] = chroma(hair);
  return out;
}

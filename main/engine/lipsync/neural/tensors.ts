import type { RgbImage } from '../../compositing';

/** Channel order of a model's image tensors: Wav2Lip was trained on OpenCV (BGR) images. */
export type ChannelOrder = 'rgb' | 'bgr';

/** The value range a model's image tensors use: [0,1] (lip-sync) or [−1,1] (GFPGAN family). */
export type ValueRange = 'unit' | 'signed';

export interface PlanarLayout {
  order: ChannelOrder;
  range: ValueRange;
}

/** 0..255 → the model's range. */
function encodeValue(v: number, range: ValueRange): number {
  return range === 'unit' ? v / 255 : v / 127.5 - 1;
}

/** The model's range → 0..255, rounded and clamped (models overshoot). */
function decodeValue(v: number, range: ValueRange): number {
  const x = range === 'unit' ? v * 255 : (v + 1) * 127.5;
  return x <= 0 ? 0 : x >= 255 ? 255 : Math.round(x);
}

/** Tensor plane that holds image channel c (0 = R) for a channel order. */
const planeOf = (c: number, order: ChannelOrder): number => (order === 'rgb' ? c : 2 - c);

/**
 * Packed RGB24 → 3 planes (CHW) written into `out` at `offset` (in floats), so one buffer can
 * hold several images side by side (Wav2Lip's 6-channel target).
 */
export function toPlanar(img: RgbImage, layout: PlanarLayout, out: Float32Array, offset = 0): Float32Array {
  const n = img.width * img.height;
  for (let c = 0; c < 3; c++) {
    const base = offset + planeOf(c, layout.order) * n;
    for (let p = 0; p < n; p++) out[base + p] = encodeValue(img.data[3 * p + c], layout.range);
  }
  return out;
}

/** 3 planes (CHW) starting at `offset` → packed RGB24 of the given size. */
export function fromPlanar(data: Float32Array, width: number, height: number, layout: PlanarLayout, offset = 0): RgbImage {
  const n = width * height;
  const out = new Uint8Array(n * 3);
  for (let c = 0; c < 3; c++) {
    const base = offset + planeOf(c, layout.order) * n;
    for (let p = 0; p < n; p++) out[3 * p + c] = decodeValue(data[base + p], layout.range);
  }
  return { width, height, data: out };
}

/** Zeroes rows [fromRow, height) of planes [firstPlane, firstPlane + planes) (Wav2Lip's masked lower half). */
export function zeroRows(data: Float32Array, width: number, height: number, fromRow: number, firstPlane = 0, planes = 3): void {
  const n = width * height;
  for (let c = firstPlane; c < firstPlane + planes; c++) data.fill(0, c * n + fromRow * width, (c + 1) * n);
}

/** out = a·(1 − t) + b·t per byte (the enhancer's blend with the original crop). */
export function mixImages(a: RgbImage, b: RgbImage, t: number): RgbImage {
  const out = new Uint8Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(a.data[i] + (b.data[i] - a.data[i]) * t);
  return { width: a.width, height: a.height, data: out };
}

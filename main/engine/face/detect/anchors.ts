/**
 * SSD anchors as MediaPipe's SsdAnchorsCalculator builds them for BlazeFace with
 * fixed_anchor_size: only centres matter (width = height = 1). Consecutive layers with
 * the same stride share one grid, and each layer contributes two anchors per cell
 * (aspect 1 plus the interpolated scale) unless `anchorsPerLayer` says otherwise.
 */
export interface AnchorSpec {
  inputSize: number;
  strides: number[];
  anchorsPerLayer: number;
}

/** Short range (128): strides 8,16,16,16 → 16×16×2 + 8×8×6 = 896. */
export const SHORT_RANGE_ANCHORS: AnchorSpec = { inputSize: 128, strides: [8, 16, 16, 16], anchorsPerLayer: 2 };
/** Full range (192): one stride-4 layer, one anchor per cell → 48×48 = 2304. */
export const FULL_RANGE_ANCHORS: AnchorSpec = { inputSize: 192, strides: [4], anchorsPerLayer: 1 };

/** Anchor centres, normalised to [0,1], interleaved x,y. */
export function buildAnchors(spec: AnchorSpec): Float32Array {
  const out: number[] = [];
  let layer = 0;
  while (layer < spec.strides.length) {
    const stride = spec.strides[layer];
    let repeats = 0;
    while (layer < spec.strides.length && spec.strides[layer] === stride) {
      repeats++;
      layer++;
    }
    const cells = Math.ceil(spec.inputSize / stride);
    const perCell = repeats * spec.anchorsPerLayer;
    for (let y = 0; y < cells; y++) {
      for (let x = 0; x < cells; x++) {
        for (let a = 0; a < perCell; a++) out.push((x + 0.5) / cells, (y + 0.5) / cells);
      }
    }
  }
  return Float32Array.from(out);
}

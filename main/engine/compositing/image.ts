/** Packed RGB24 image (frames and crops alike). */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Integer pixel box, [x0, x1) × [y0, y1). */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function clampBox(b: Box, width: number, height: number): Box {
  return {
    x0: Math.max(0, Math.floor(b.x0)),
    y0: Math.max(0, Math.floor(b.y0)),
    x1: Math.min(width, Math.ceil(b.x1)),
    y1: Math.min(height, Math.ceil(b.y1)),
  };
}

export function padBox(b: Box, pad: number): Box {
  return { x0: b.x0 - pad, y0: b.y0 - pad, x1: b.x1 + pad, y1: b.y1 + pad };
}

export function boxOfPoints(pts: [number, number][]): Box {
  const xs = pts.map((p) => p[0]),
    ys = pts.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

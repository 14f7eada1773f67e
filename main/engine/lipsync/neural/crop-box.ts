import { faceHeight, loadOpenCv, withMats, type Affine, type Box, type RgbImage } from '../../compositing';

/** Peers pad the detector box 10 px downwards (pads 0,10,0,0) at ~200 px faces: 5 % of its height here. */
const CHIN_PAD = 0.05;

/**
 * Wav2Lip's face box: the landmarks' bounding box, padded down so that the chin (which an
 * open jaw moves) stays inside, clamped to the frame.
 */
export function wav2lipBox(landmarks: Float32Array, width: number, height: number): Box {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < landmarks.length; i += 3) {
    x0 = Math.min(x0, landmarks[i]);
    x1 = Math.max(x1, landmarks[i]);
    y0 = Math.min(y0, landmarks[i + 1]);
    y1 = Math.max(y1, landmarks[i + 1]);
  }
  y1 += CHIN_PAD * faceHeight(landmarks);
  const box = {
    x0: Math.max(0, Math.floor(x0)),
    y0: Math.max(0, Math.floor(y0)),
    x1: Math.min(width, Math.ceil(x1)),
    y1: Math.min(height, Math.ceil(y1)),
  };
  return { ...box, x1: Math.max(box.x1, box.x0 + 1), y1: Math.max(box.y1, box.y0 + 1) };
}

/** Frame → crop matrix of a box resized (not aspect-preserving, as Wav2Lip does) to size×size. */
export function boxMatrix(box: Box, size: number): Affine {
  const sx = size / (box.x1 - box.x0);
  const sy = size / (box.y1 - box.y0);
  return [sx, 0, -box.x0 * sx, 0, sy, -box.y0 * sy];
}

/** The box cut out and resized to size×size (area resampling when shrinking, as cv2.resize in peers). */
export async function cropBox(frame: RgbImage, box: Box, size: number): Promise<RgbImage> {
  const cv = await loadOpenCv();
  const [w, h] = [box.x1 - box.x0, box.y1 - box.y0];
  const rows = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    const from = ((box.y0 + y) * frame.width + box.x0) * 3;
    rows.set(frame.data.subarray(from, from + w * 3), y * w * 3);
  }
  return withMats((track) => {
    const src = track(cv.matFromArray(h, w, cv.CV_8UC3, rows));
    const out = track(new cv.Mat());
    const shrink = w > size || h > size;
    cv.resize(src, out, new cv.Size(size, size), 0, 0, shrink ? cv.INTER_AREA : cv.INTER_CUBIC);
    return { width: size, height: size, data: new Uint8Array(out.data) };
  });
}

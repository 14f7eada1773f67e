import { alignFace, loadOpenCv, withMats, type AlignedFace, type RgbImage } from '../../compositing';
import { toPlanar } from '../../lipsync/neural/tensors';

/** docs/reference.md §3: LivePortrait crops are arcface_128-aligned at 512. */
export const LIVE_PORTRAIT_CROP = 512;

export interface MotionInput {
  aligned: AlignedFace;
  /** [1,3,S,S] RGB in [0,1] at the model's declared input size. */
  tensor: Float32Array;
  size: number;
}

async function resize(img: RgbImage, size: number): Promise<RgbImage> {
  if (img.width === size) return img;
  const cv = await loadOpenCv();
  return withMats((track) => {
    const src = track(cv.matFromArray(img.height, img.width, cv.CV_8UC3, img.data));
    const out = track(new cv.Mat());
    cv.resize(src, out, new cv.Size(size, size), 0, 0, size < img.width ? cv.INTER_AREA : cv.INTER_CUBIC);
    return { width: size, height: size, data: new Uint8Array(out.data) };
  });
}

/**
 * The motion extractor's (and feature extractor's) input: the face aligned to arcface_128 at
 * 512, resized to the size the model file declares (`inputSize`), RGB planes in [0,1].
 */
export async function motionInput(frame: RgbImage, landmarks: Float32Array, inputSize: number): Promise<MotionInput> {
  const aligned = await alignFace(frame, landmarks, 'arcface_128', LIVE_PORTRAIT_CROP);
  const crop = await resize(aligned.crop, inputSize);
  const tensor = toPlanar(crop, { order: 'rgb', range: 'unit' }, new Float32Array(3 * inputSize * inputSize));
  return { aligned, tensor, size: inputSize };
}

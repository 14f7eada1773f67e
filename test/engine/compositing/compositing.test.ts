import { beforeAll, describe, expect, it } from 'vitest';
import {
  alignFace, alphaBlend, applyAffine, cropToBox, faceMask, fivePoints, invertAffine, laplacianBlend, matchColour, maskAt, pasteCrop, templatePoints,
  type FaceMask, type RgbImage,
} from '../../../main/engine/compositing';
import { analyzeVideo } from '../../../main/engine/face';
import { faceHeight } from '../../../main/engine/face/geometry';
import { extractFrameRgb, sharedMedia } from '../../helpers/media';
import { useFaceEnv } from '../face/face-env';

let frame: RgbImage;
let landmarks: Float32Array;

const copy = (img: RgbImage): RgbImage => ({ ...img, data: img.data.slice() });

function psnr(a: Uint8Array, b: Uint8Array): number {
  let se = 0;
  for (let i = 0; i < a.length; i++) se += (a[i] - b[i]) ** 2;
  return se === 0 ? Infinity : 10 * Math.log10((255 * 255 * a.length) / se);
}

/** Mean gradient magnitude (luma) over the mask's transition band: how visible the seam is. */
function seamEnergy(img: RgbImage, mask: FaceMask): number {
  const luma = (x: number, y: number) => {
    const i = (y * img.width + x) * 3;
    return 0.299 * img.data[i] + 0.587 * img.data[i + 1] + 0.114 * img.data[i + 2];
  };
  let sum = 0, n = 0;
  for (let y = mask.box.y0 + 1; y < mask.box.y1 - 1; y++) {
    for (let x = mask.box.x0 + 1; x < mask.box.x1 - 1; x++) {
      const k = maskAt(mask, x, y);
      if (k < 0.2 || k > 0.8) continue;
      sum += Math.hypot(luma(x + 1, y) - luma(x - 1, y), luma(x, y + 1) - luma(x, y - 1));
      n++;
    }
  }
  return sum / n;
}

function shifted(img: RgbImage, by: number): RgbImage {
  return { ...img, data: Uint8Array.from(img.data, (v) => Math.min(255, Math.max(0, v + by))) };
}

beforeAll(async () => {
  useFaceEnv('redub-comp-cache-');
  const video = sharedMedia('talk1.mp4');
  const track = await analyzeVideo(video, { maxFrames: 1 });
  landmarks = track.frames[0].faces[0].landmarks;
  frame = { width: 700, height: 700, data: new Uint8Array(await extractFrameRgb(video, 0)) };
});

describe('alignment', () => {
  it('puts the five points on the template and inverts exactly', async () => {
    const { crop, matrix } = await alignFace(frame, landmarks, 'ffhq_512', 512);
    expect([crop.width, crop.height]).toEqual([512, 512]);
    const target = templatePoints('ffhq_512', 512);
    // A least-squares similarity cannot hit all five points of a real face: bound the residuals.
    const errors = fivePoints(landmarks).map((p, i) => {
      const [x, y] = applyAffine(matrix, p);
      return Math.hypot(x - target[i][0], y - target[i][1]) / 512;
    });
    console.info(`alignment residuals (fraction of crop): ${errors.map((e) => e.toFixed(3)).join(' ')}`);
    expect(errors.reduce((s, e) => s + e, 0) / errors.length).toBeLessThan(0.03);
    expect(Math.max(...errors)).toBeLessThan(0.05);
    const [x, y] = applyAffine(invertAffine(matrix), applyAffine(matrix, [123, 456]));
    expect(x).toBeCloseTo(123, 6);
    expect(y).toBeCloseTo(456, 6);
  });
});

describe('masks', () => {
  it('feathering widens the soft border; the mask is 0 far from the face', async () => {
    const sharp = await faceMask(landmarks, 'lower-face', 700, 700, { feather: 0.01 });
    const soft = await faceMask(landmarks, 'lower-face', 700, 700, { feather: 0.05 });
    const band = (m: FaceMask) => m.data.filter((v) => v > 0.05 && v < 0.95).length;
    expect(band(soft)).toBeGreaterThan(1.5 * band(sharp));
    expect(maskAt(soft, 5, 5)).toBe(0);
    const mouth = await faceMask(landmarks, 'mouth', 700, 700);
    const lipCentre = [(landmarks[3 * 13] + landmarks[3 * 14]) / 2, (landmarks[3 * 13 + 1] + landmarks[3 * 14 + 1]) / 2];
    expect(maskAt(mouth, Math.round(lipCentre[0]), Math.round(lipCentre[1]))).toBeGreaterThan(0.9);
    expect(maskAt(mouth, Math.round(landmarks[3 * 1]), Math.round(landmarks[3 * 1 + 1] - 0.1 * faceHeight(landmarks)))).toBe(0);
  });
});

describe('Laplacian compositing', () => {
  it('pasting a frame’s own aligned crop back is exact (PSNR ≥ 45 dB)', async () => {
    const { crop, matrix } = await alignFace(frame, landmarks, 'ffhq_512', 512);
    const mask = await faceMask(landmarks, 'lower-face', 700, 700, { dilate: 0.05 });
    const out = copy(frame);
    await pasteCrop(out, crop, matrix, mask);
    const db = psnr(out.data, frame.data);
    console.info(`self-paste PSNR ${db.toFixed(2)} dB`);
    expect(db).toBeGreaterThanOrEqual(45);
  });

  it('a brightness-shifted paste leaves a weaker seam than alpha blending', async () => {
    const mask = await faceMask(landmarks, 'lower-face', 700, 700, { feather: 0.01 });
    const { crop, matrix } = await alignFace(frame, landmarks, 'ffhq_512', 512);
    const brighter = await cropToBox(shifted(crop, 40), matrix, mask.box);
    const [alpha, pyramid] = [copy(frame), copy(frame)];
    alphaBlend(alpha, brighter, mask);
    await laplacianBlend(pyramid, brighter, mask);
    const [ea, ep] = [seamEnergy(alpha, mask), seamEnergy(pyramid, mask)];
    console.info(`seam energy: alpha ${ea.toFixed(2)}, Laplacian ${ep.toFixed(2)}`);
    expect(ep).toBeLessThan(ea);
  });

  it('colour matching pulls a colour-shifted paste towards its surroundings', async () => {
    const mask = await faceMask(landmarks, 'lower-face', 700, 700);
    const { crop, matrix } = await alignFace(frame, landmarks, 'ffhq_512', 512);
    const own = await cropToBox(crop, matrix, mask.box);
    const tinted = { ...own, data: own.data.map((v, i) => (i % 3 === 0 ? Math.min(255, v + 35) : v)) };
    const diff = (img: RgbImage) => {
      let s = 0;
      for (let i = 0; i < img.data.length; i += 3) s += Math.abs(img.data[i] - own.data[i]);
      return s / (img.data.length / 3);
    };
    const before = diff(tinted);
    matchColour(frame, tinted, mask);
    expect(diff(tinted)).toBeLessThan(before / 3);
  });
});

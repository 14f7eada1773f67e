import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  Compositor,
  blendBox,
  pyramidLevels,
  alignFace,
  alphaBlend,
  applyAffine,
  compositeFace,
  faceHeight,
  faceMask,
  fivePoints,
  invertAffine,
  laplacianBlend,
  matchColour,
  maskAt,
  maskToFrame,
  similarity,
  templatePoints,
  transformLandmarks,
  warpBack,
  type Affine,
  type AlignmentTemplate,
  type FaceMask,
  type RgbImage,
} from '../../../main/engine/compositing';
import { extractFrameRgb, sharedMedia } from '../../helpers/media';

/** Face Mesh of talk1.mp4 frame 0, computed once with part A's analyzeVideo (see fixtures/). */
const FIXTURE = new URL('./fixtures/talk1-frame0-landmarks.json', import.meta.url);

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
  let sum = 0,
    n = 0;
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
  landmarks = Float32Array.from(JSON.parse(readFileSync(FIXTURE, 'utf8')).landmarks as number[]);
  frame = { width: 700, height: 700, data: new Uint8Array(await extractFrameRgb(sharedMedia('talk1.mp4'), 0)) };
});

describe('alignment', () => {
  it.each([
    ['ffhq_512', 512],
    ['arcface_128', 128],
    ['arcface_128', 512],
  ] as [AlignmentTemplate, number][])('puts the five points on %s at %i px and inverts exactly', async (template, size) => {
    const { crop, matrix, inverse } = await alignFace(frame, landmarks, template, size);
    expect([crop.width, crop.height, crop.data.length]).toEqual([size, size, size * size * 3]);
    const target = templatePoints(template, size);
    // A least-squares similarity cannot hit all five points of a real face: bound the residuals.
    const errors = fivePoints(landmarks).map((p, i) => {
      const [x, y] = applyAffine(matrix, p);
      return Math.hypot(x - target[i][0], y - target[i][1]) / size;
    });
    console.info(`${template}@${size} residuals (fraction of crop): ${errors.map((e) => e.toFixed(3)).join(' ')}`);
    expect(errors.reduce((s, e) => s + e, 0) / errors.length).toBeLessThan(0.03);
    expect(Math.max(...errors)).toBeLessThan(0.05);
    const [x, y] = applyAffine(inverse, applyAffine(matrix, [123, 456]));
    expect(x).toBeCloseTo(123, 6);
    expect(y).toBeCloseTo(456, 6);
    expect(inverse).toEqual(invertAffine(matrix));
  });

  it('recovers an exact similarity from synthetic points', () => {
    const to = templatePoints('arcface_128', 256);
    const truth: Affine = [0.8, -0.3, 40, 0.3, 0.8, -25];
    const from = to.map((p) => applyAffine(invertAffine(truth), p));
    similarity(from, to).forEach((v, i) => expect(v).toBeCloseTo(truth[i], 9));
  });

  it.each([512, 256, 128, 64])('the %i px crop shows the frame where the matrix says (area around the nose tip)', async (size) => {
    // Shrinking paths (pyrDown, blur) and enlarging (bicubic) must all keep geometry and colour.
    const { crop, matrix } = await alignFace(frame, landmarks, 'ffhq_512', size);
    const [fx, fy] = fivePoints(landmarks)[2];
    const r = 6;
    const frameMean = [0, 0, 0],
      cropMean = [0, 0, 0];
    let n = 0,
      m = 0;
    for (let y = Math.round(fy - r); y <= fy + r; y++)
      for (let x = Math.round(fx - r); x <= fx + r; x++, n++) for (let c = 0; c < 3; c++) frameMean[c] += frame.data[(y * 700 + x) * 3 + c];
    const scale = Math.hypot(matrix[0], matrix[3]);
    const [cx, cy] = applyAffine(matrix, [fx, fy]);
    const cr = r * scale;
    for (let y = Math.round(cy - cr); y <= cy + cr; y++)
      for (let x = Math.round(cx - cr); x <= cx + cr; x++, m++)
        for (let c = 0; c < 3; c++) cropMean[c] += crop.data[(y * size + x) * 3 + c];
    for (let c = 0; c < 3; c++) expect(Math.abs(frameMean[c] / n - cropMean[c] / m)).toBeLessThan(12);
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

  it('dilate grows and negative dilate (erode) shrinks the region', async () => {
    const area = (m: FaceMask) => m.data.reduce((s, v) => s + v, 0);
    const [base, grown, shrunk] = await Promise.all(
      [0, 0.05, -0.05].map((d) => faceMask(landmarks, 'mouth', 700, 700, { dilate: d, feather: 0.005 })),
    );
    expect(area(grown)).toBeGreaterThan(1.3 * area(base));
    expect(area(shrunk)).toBeLessThan(0.7 * area(base));
  });

  it('builds masks at crop resolution from transformed landmarks', async () => {
    const { matrix } = await alignFace(frame, landmarks, 'ffhq_512', 512);
    const mask = await faceMask(transformLandmarks(landmarks, matrix), 'lower-face', 512, 512);
    const [mx, my] = applyAffine(matrix, [landmarks[3 * 14], landmarks[3 * 14 + 1]]).map(Math.round);
    expect(maskAt(mask, mx, my)).toBeGreaterThan(0.95);
    expect(maskAt(mask, 256, 20)).toBe(0);
    expect(mask.box.x1).toBeLessThanOrEqual(512);
    // Back in frame pixels it matches the mask built from the frame landmarks.
    const [back, direct] = [await maskToFrame(mask, matrix, 700, 700), await faceMask(landmarks, 'lower-face', 700, 700)];
    let diff = 0;
    for (let y = direct.box.y0; y < direct.box.y1; y++)
      for (let x = direct.box.x0; x < direct.box.x1; x++) diff += Math.abs(maskAt(back, x, y) - maskAt(direct, x, y));
    const area = direct.data.reduce((s, v) => s + v, 0);
    expect(diff / area).toBeLessThan(0.05);
  });
});

describe('Laplacian compositing', () => {
  it('pasting a frame’s own aligned crop back is exact (PSNR ≥ 45 dB)', async () => {
    const { crop, matrix } = await alignFace(frame, landmarks, 'ffhq_512', 512);
    const mask = await faceMask(landmarks, 'lower-face', 700, 700, { dilate: 0.05 });
    const out = copy(frame);
    await compositeFace(out, { crop, matrix }, mask);
    const db = psnr(out.data, frame.data);
    const inBox = (img: RgbImage) => {
      const rows: Uint8Array[] = [];
      for (let y = mask.box.y0; y < mask.box.y1; y++)
        rows.push(img.data.subarray((y * 700 + mask.box.x0) * 3, (y * 700 + mask.box.x1) * 3));
      return Uint8Array.from(rows.flatMap((r) => Array.from(r)));
    };
    console.info(`self-paste PSNR ${db.toFixed(2)} dB over the frame, ${psnr(inBox(out), inBox(frame)).toFixed(2)} dB inside the mask box`);
    expect(db).toBeGreaterThanOrEqual(45);
  });

  it('a brightness-shifted paste leaves a weaker seam than alpha blending', async () => {
    const mask = await faceMask(landmarks, 'lower-face', 700, 700, { feather: 0.01 });
    const { crop, matrix } = await alignFace(frame, landmarks, 'ffhq_512', 512);
    const brighter = await warpBack(shifted(crop, 40), matrix, mask.box);
    const [alpha, pyramid] = [copy(frame), copy(frame)];
    alphaBlend(alpha, brighter, mask);
    await laplacianBlend(pyramid, brighter, mask);
    const [ea, ep] = [seamEnergy(alpha, mask), seamEnergy(pyramid, mask)];
    console.info(`seam energy: alpha ${ea.toFixed(2)}, Laplacian ${ep.toFixed(2)}`);
    // Where the blend box ends, the frame must not step: its outermost ring barely changes.
    const box = blendBox(mask, pyramidLevels(mask.box.x1 - mask.box.x0, mask.box.y1 - mask.box.y0), 700, 700);
    let edge = 0;
    for (let x = box.x0; x < box.x1; x++) {
      for (const y of [box.y0, box.y1 - 1])
        for (let c = 0; c < 3; c++)
          edge = Math.max(edge, Math.abs(pyramid.data[(y * 700 + x) * 3 + c] - frame.data[(y * 700 + x) * 3 + c]));
    }
    for (let y = box.y0; y < box.y1; y++) {
      for (const x of [box.x0, box.x1 - 1])
        for (let c = 0; c < 3; c++)
          edge = Math.max(edge, Math.abs(pyramid.data[(y * 700 + x) * 3 + c] - frame.data[(y * 700 + x) * 3 + c]));
    }
    console.info(`largest change on the blend box's edge: ${edge}`);
    expect(edge).toBeLessThanOrEqual(2);
    expect(ep).toBeLessThan(ea);
  });

  it('colour matching pulls a colour-shifted paste towards its surroundings', async () => {
    const mask = await faceMask(landmarks, 'lower-face', 700, 700);
    const { crop, matrix } = await alignFace(frame, landmarks, 'ffhq_512', 512);
    const own = await warpBack(crop, matrix, mask.box);
    const tinted: RgbImage = { ...own, data: own.data.map((v, i) => (i % 3 === 0 ? Math.min(255, v + 35) : Math.max(0, v - 10))) };
    // Mean |Δ| per channel on the ring, pasted vs the frame.
    const ringDiff = (img: RgbImage) => {
      const w = mask.box.x1 - mask.box.x0;
      let s = 0,
        n = 0;
      mask.data.forEach((k, i) => {
        if (k < 0.02 || k > 0.5) return;
        const [x, y] = [mask.box.x0 + (i % w), mask.box.y0 + Math.floor(i / w)];
        for (let c = 0; c < 3; c++) s += Math.abs(img.data[i * 3 + c] - frame.data[(y * 700 + x) * 3 + c]);
        n += 3;
      });
      return s / n;
    };
    const before = ringDiff(tinted);
    await matchColour(frame, tinted, mask);
    const after = ringDiff(tinted);
    console.info(`ring colour difference: ${before.toFixed(2)} → ${after.toFixed(2)} (own crop ${ringDiff(own).toFixed(2)})`);
    expect(after).toBeLessThan(before / 2);
  });

  it('colorMatch in compositeFace brings a tinted paste closer to the original', async () => {
    const mask = await faceMask(landmarks, 'lower-face', 700, 700);
    const { crop, matrix } = await alignFace(frame, landmarks, 'ffhq_512', 512);
    const tinted = { ...crop, data: crop.data.map((v, i) => (i % 3 === 2 ? Math.min(255, v + 40) : v)) };
    const [plain, matched] = [copy(frame), copy(frame)];
    await compositeFace(plain, { crop: tinted, matrix }, mask);
    await compositeFace(matched, { crop: tinted, matrix }, mask, { colorMatch: true });
    expect(psnr(matched.data, frame.data)).toBeGreaterThan(psnr(plain.data, frame.data) + 3);
  });

  it('a reused Compositor gives the same pixels as one-off calls, and leaves far pixels alone', async () => {
    const mask = await faceMask(landmarks, 'mouth', 700, 700, { dilate: 0.03 });
    const { crop, matrix } = await alignFace(frame, landmarks, 'arcface_128', 256);
    const bright = { ...crop, data: crop.data.map((v) => Math.min(255, v + 30)) };
    const once = copy(frame);
    await compositeFace(once, { crop: bright, matrix }, mask);
    const c = await Compositor.create();
    try {
      const [a, b] = [copy(frame), copy(frame)];
      c.composite(a, { crop: bright, matrix }, mask);
      c.composite(b, { crop: bright, matrix }, mask);
      expect(Buffer.compare(a.data, once.data)).toBe(0);
      expect(Buffer.compare(b.data, once.data)).toBe(0);
    } finally {
      c.release();
    }
    expect(Buffer.compare(once.data.subarray(0, 700 * 100 * 3), frame.data.subarray(0, 700 * 100 * 3))).toBe(0);
  });

  it('a mask reaching past the frame edge is clipped, not an error', async () => {
    const shifted = Float32Array.from(landmarks, (v, i) => (i % 3 === 1 ? v + 420 : v));
    const mask = await faceMask(shifted, 'lower-face', 700, 900);
    expect(mask.box.y1).toBeGreaterThan(700);
    const { crop, matrix } = await alignFace(frame, landmarks, 'ffhq_512', 256);
    const out = copy(frame);
    await compositeFace(out, { crop, matrix }, mask);
    expect(out.data.length).toBe(frame.data.length);
  });
});

import { iou, type FaceDetection } from './detection';

/**
 * MediaPipe's weighted NMS: each kept detection is the score-weighted mean of the
 * candidates it suppresses, which steadies boxes far better than plain NMS.
 */
export function weightedNms(dets: FaceDetection[], threshold = 0.3): FaceDetection[] {
  const remaining = [...dets].sort((a, b) => b.score - a.score);
  const kept: FaceDetection[] = [];
  while (remaining.length) {
    const top = remaining[0];
    const group = remaining.filter((d) => iou(top, d) > threshold);
    const rest = remaining.filter((d) => iou(top, d) <= threshold && d !== top);
    kept.push(mergeGroup(top, group.length ? group : [top]));
    remaining.length = 0;
    remaining.push(...rest);
  }
  return kept;
}

function mergeGroup(top: FaceDetection, group: FaceDetection[]): FaceDetection {
  let total = 0;
  let x = 0,
    y = 0,
    w = 0,
    h = 0;
  const kp = new Float32Array(top.keypoints.length);
  for (const d of group) {
    total += d.score;
    x += d.x * d.score;
    y += d.y * d.score;
    w += d.w * d.score;
    h += d.h * d.score;
    for (let i = 0; i < kp.length; i++) kp[i] += d.keypoints[i] * d.score;
  }
  for (let i = 0; i < kp.length; i++) kp[i] /= total;
  return { score: top.score, x: x / total, y: y / total, w: w / total, h: h / total, keypoints: kp };
}

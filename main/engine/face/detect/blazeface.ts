import * as ort from 'onnxruntime-node';
import type { VideoFrame } from '../../pipeline/frame';
import { faceModel, type FaceModelId, type ModelDescriptor } from '../models/descriptors';
import { faceModelRuns, faceSession } from '../models/sessions';
import { sampleAffineSmooth, type AffineMap } from '../sampling/affine-sampler';
import { buildAnchors, FULL_RANGE_ANCHORS, SHORT_RANGE_ANCHORS, type AnchorSpec } from './anchors';
import type { FaceDetection } from './detection';
import { weightedNms } from './weighted-nms';

export type DetectorRange = 'short' | 'full';

interface RangeConfig {
  model: FaceModelId;
  anchors: AnchorSpec;
  /** MediaPipe's thresholds: 0.5 short range, 0.6 full range. */
  minScore: number;
}

const RANGES: Record<DetectorRange, RangeConfig> = {
  short: { model: 'blazeface-short', anchors: SHORT_RANGE_ANCHORS, minScore: 0.5 },
  full: { model: 'blazeface-full', anchors: FULL_RANGE_ANCHORS, minScore: 0.6 },
};

/** Letterbox: the whole frame fits the square input, centred, black bars; returns input→frame map. */
function letterbox(width: number, height: number, size: number): AffineMap {
  const s = Math.max(width, height) / size;
  return { ax: s, bx: 0, cx: (width - size * s) / 2, ay: 0, by: s, cy: (height - size * s) / 2 };
}

function sigmoid(x: number): number {
  const c = Math.max(-100, Math.min(100, x));
  return 1 / (1 + Math.exp(-c));
}

/** BlazeFace (MediaPipe face detection) on a whole frame; one instance per range, tensors reused. */
export class BlazeFaceDetector {
  private readonly desc: ModelDescriptor;
  private readonly anchors: Float32Array;
  private readonly input: Float32Array;
  private readonly tensor: ort.Tensor;

  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly cfg: RangeConfig,
  ) {
    this.desc = faceModel(cfg.model);
    this.anchors = buildAnchors(cfg.anchors);
    const n = this.desc.inputSize;
    this.input = new Float32Array(n * n * 3);
    this.tensor = new ort.Tensor('float32', this.input, [1, n, n, 3]);
  }

  static async create(range: DetectorRange): Promise<BlazeFaceDetector> {
    const cfg = RANGES[range];
    return new BlazeFaceDetector(await faceSession(cfg.model), cfg);
  }

  async detect(frame: VideoFrame): Promise<FaceDetection[]> {
    const n = this.desc.inputSize;
    const map = letterbox(frame.width, frame.height, n);
    sampleAffineSmooth(frame, map, n, this.input, { scale: 2 / 255, offset: -1, border: 'zero' });
    const out = await this.session.run({ [this.desc.inputs.image]: this.tensor });
    faceModelRuns[this.cfg.model]++;
    const boxes = out[this.desc.outputs.boxes].data as Float32Array;
    const scores = out[this.desc.outputs.scores].data as Float32Array;
    return weightedNms(this.decode(boxes, scores, map));
  }

  /** Anchor-relative regressions (in input pixels) → frame-pixel detections above the threshold. */
  private decode(boxes: Float32Array, scores: Float32Array, map: AffineMap): FaceDetection[] {
    const n = this.desc.inputSize;
    const dets: FaceDetection[] = [];
    const toX = (u: number) => map.ax * u + map.cx;
    const toY = (v: number) => map.by * v + map.cy;
    for (let i = 0; i < scores.length; i++) {
      const score = sigmoid(scores[i]);
      if (score < this.cfg.minScore) continue;
      const r = i * 16;
      const ax = this.anchors[2 * i] * n,
        ay = this.anchors[2 * i + 1] * n;
      const cx = ax + boxes[r],
        cy = ay + boxes[r + 1];
      const w = boxes[r + 2],
        h = boxes[r + 3];
      const keypoints = new Float32Array(12);
      for (let k = 0; k < 6; k++) {
        keypoints[2 * k] = toX(ax + boxes[r + 4 + 2 * k]);
        keypoints[2 * k + 1] = toY(ay + boxes[r + 5 + 2 * k]);
      }
      dets.push({ score, x: toX(cx - w / 2), y: toY(cy - h / 2), w: w * map.ax, h: h * map.by, keypoints });
    }
    return dets;
  }
}

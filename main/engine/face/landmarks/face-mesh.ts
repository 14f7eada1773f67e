import * as ort from 'onnxruntime-node';
import type { VideoFrame } from '../../pipeline/frame';
import { faceModel, type ModelDescriptor } from '../models/descriptors';
import { faceModelRuns, faceSession } from '../models/sessions';
import { sampleAffine } from '../sampling/affine-sampler';
import { MESH_POINTS } from '../types';
import { roiToFrameMap, type FaceRoi } from './roi';

export interface MeshResult {
  /** 468×3: x,y in frame pixels, z in the same pixel scale. */
  points: Float32Array;
  /** Face presence probability (sigmoid of the model's logit). */
  presence: number;
}

/** MediaPipe Face Mesh on a rotated square crop; one input tensor reused for every frame. */
export class FaceMesh {
  private readonly desc: ModelDescriptor = faceModel('face-mesh-468');
  private readonly input: Float32Array;
  private readonly tensor: ort.Tensor;

  private constructor(private readonly session: ort.InferenceSession) {
    const n = this.desc.inputSize;
    this.input = new Float32Array(n * n * 3);
    this.tensor = new ort.Tensor('float32', this.input, [1, n, n, 3]);
  }

  static async create(): Promise<FaceMesh> {
    return new FaceMesh(await faceSession('face-mesh-468'));
  }

  async run(frame: VideoFrame, roi: FaceRoi): Promise<MeshResult> {
    const n = this.desc.inputSize;
    const map = roiToFrameMap(roi, n);
    // Edge replication rather than black: a face at the border should not grow a black cheek.
    sampleAffine(frame, map, n, this.input, { scale: 1 / 255, offset: 0, border: 'clamp' });
    const out = await this.session.run({ [this.desc.inputs.image]: this.tensor });
    faceModelRuns['face-mesh-468']++;
    const raw = out[this.desc.outputs.landmarks].data as Float32Array;
    const logit = (out[this.desc.outputs.presence].data as Float32Array)[0];
    const points = new Float32Array(MESH_POINTS * 3);
    const zScale = roi.size / n;
    for (let i = 0; i < MESH_POINTS; i++) {
      const u = raw[3 * i],
        v = raw[3 * i + 1];
      points[3 * i] = map.ax * u + map.bx * v + map.cx;
      points[3 * i + 1] = map.ay * u + map.by * v + map.cy;
      points[3 * i + 2] = raw[3 * i + 2] * zScale;
    }
    return { points, presence: 1 / (1 + Math.exp(-logit)) };
  }
}

import * as ort from 'onnxruntime-node';
import { Compositor, type Affine } from '../../compositing';
import { mainFaceOf, type FaceTrackStage } from '../../face/stage';
import type { TrackedFace } from '../../face/types';
import { FACE_OVAL_PASTE, pasteCrop } from '../../lipsync/neural/paste';
import { fromPlanar } from '../../lipsync/neural/tensors';
import { openModel, resolveModel, type ModelSession } from '../../models';
import type { VideoFrame } from '../../pipeline/frame';
import type { FrameStage, StageContext } from '../../pipeline/stage';
import { drivenKeypoints, offsetExpression, type Motion } from './motion';
import { LIVE_PORTRAIT_CROP, motionInput } from './prepare';
import { checkLivePortrait, MOTION_OUTPUTS, squareImageSize } from './signature';

/** The parts this stage drives (the retargeters and the stitcher refine; not used yet). */
export const LIVE_PORTRAIT_PARTS = [
  'live_portrait_motion_extractor',
  'live_portrait_feature_extractor',
  'live_portrait_generator',
] as const;

/** Per-emotion offsets on the expression deltas (K×3); the reference gives none, callers supply them. */
export type ExpressionOffsets = Map<string, Float32Array>;

type Outputs = ort.InferenceSession.ReturnType;
const flat = (o: Outputs, name: string) => Float32Array.from(o[name].data as Float32Array);

function motionOf(o: Outputs): Motion {
  const first = (name: string) => Number((o[name].data as Float32Array)[0]);
  return {
    pitch: first('pitch'),
    yaw: first('yaw'),
    roll: first('roll'),
    scale: first('scale'),
    translation: flat(o, 'translation'),
    expression: flat(o, 'expression'),
    points: flat(o, 'motion_points'),
  };
}

/**
 * Expression editing with LivePortrait in parts: motion_extractor(crop) → pose, expression
 * deltas and canonical keypoints; the deltas get the emotion's offsets; the generator redraws
 * the crop from the feature volume, moving the source keypoints to the target ones; the crop
 * goes back with a face-oval mask. Fails in prepare() with MODEL_INVALID wherever a file's
 * tensors are not the ones this code can drive (see signature.ts).
 */
export class LivePortraitStage implements FrameStage {
  readonly name = 'expression-live_portrait';
  private parts: Record<string, ModelSession> = {};
  private inputSize = LIVE_PORTRAIT_CROP;
  private compositor: Compositor | undefined;
  private offsets: Float32Array | undefined;
  private intensity = 1;

  constructor(
    private readonly faces: FaceTrackStage,
    private readonly templates: ExpressionOffsets = new Map(),
  ) {
    for (const part of LIVE_PORTRAIT_PARTS) resolveModel(part);
  }

  async prepare(ctx: StageContext): Promise<void> {
    for (const part of LIVE_PORTRAIT_PARTS) this.parts[part] = await openModel(part);
    const motion = this.parts.live_portrait_motion_extractor.session;
    this.inputSize = checkLivePortrait('live_portrait_motion_extractor', motion, {
      inputs: ['input'],
      outputs: MOTION_OUTPUTS,
      imageInput: 'input',
    })!;
    checkLivePortrait('live_portrait_feature_extractor', this.parts.live_portrait_feature_extractor.session, {
      inputs: ['input'],
      outputs: ['feature_volume'],
      imageInput: 'input',
    });
    checkLivePortrait('live_portrait_generator', this.parts.live_portrait_generator.session, {
      inputs: ['feature_volume', 'source', 'target'],
    });
    this.offsets = this.templates.get(ctx.options.emotion ?? '');
    this.intensity = ctx.options.intensity ?? 1;
    this.compositor = await Compositor.create();
  }

  async process(batch: VideoFrame[]): Promise<VideoFrame[]> {
    if (!this.offsets) return batch;
    for (const frame of batch) {
      const face = mainFaceOf(frame, this.faces.track);
      if (face) await this.editFace(frame, face);
    }
    return batch;
  }

  private async editFace(frame: VideoFrame, face: TrackedFace): Promise<void> {
    const input = await motionInput(frame, face.landmarks, this.inputSize);
    const image = new ort.Tensor('float32', input.tensor, [1, 3, input.size, input.size]);
    const motion = motionOf(await this.parts.live_portrait_motion_extractor.session.run({ input: image }));
    const features = await this.parts.live_portrait_feature_extractor.session.run({ input: image });
    const k = motion.points.length / 3;
    const keypoints = (p: Float32Array) => new ort.Tensor('float32', p, [1, k, 3]);
    const source = drivenKeypoints(motion);
    const target = drivenKeypoints(motion, offsetExpression(motion.expression, this.offsets, this.intensity));
    const generator = this.parts.live_portrait_generator.session;
    const out = await generator.run({ feature_volume: features.feature_volume, source: keypoints(source), target: keypoints(target) });
    const data = out[generator.outputNames[0]].data as Float32Array;
    const size = Math.round(Math.sqrt(data.length / 3));
    const crop = fromPlanar(data, size, size, { order: 'rgb', range: 'unit' });
    // The crop is at the generator's size; the alignment matrix was for the 512 crop.
    const s = size / LIVE_PORTRAIT_CROP;
    const m = input.aligned.matrix;
    const matrix: Affine = [m[0] * s, m[1] * s, m[2] * s, m[3] * s, m[4] * s, m[5] * s];
    await pasteCrop(this.compositor!, frame, face.landmarks, crop, matrix, FACE_OVAL_PASTE);
  }

  async release(): Promise<void> {
    this.compositor?.release();
    this.compositor = undefined;
    this.parts = {};
  }
}

export { squareImageSize };

import { alignFace, type Affine, type AlignmentTemplate } from '../../compositing';
import type { FaceTrackStage } from '../../face/stage';
import type { TrackedFace } from '../../face/types';
import type { VideoFrame } from '../../pipeline/frame';
import type { StageContext } from '../../pipeline/stage';
import { FaceModelStage, type FaceJob } from './face-model-stage';
import { lipsyncIsOff } from './lipsync-off';
import { DubMel } from './mel-windows';
import { LOWER_FACE_PASTE, pasteCrop } from './paste';
import { fromPlanar, toPlanar, type PlanarLayout } from './tensors';

export const EDTALK_SIZE = 256;
/**
 * The reference gives no template for EDTalk; ffhq_512 (scaled to 256) is what the 256-px
 * face models of the same asset set use, and it keeps the mouth well inside the crop.
 */
export const EDTALK_TEMPLATE: AlignmentTemplate = 'ffhq_512';
const LAYOUT: PlanarLayout = { order: 'rgb', range: 'unit' };
const DEFAULT_WEIGHT = 0.5;

interface EdtalkJob extends FaceJob {
  matrix: Affine;
}

/**
 * EDTalk (edtalk_256, Apache-2.0): the aligned 256×256 face, the mel window of its output
 * frame and a strength `weight` (ctx.options.lipsyncWeight, default 0.5) → the face with
 * the new mouth, pasted back with a lower-face mask.
 */
export class EdtalkStage extends FaceModelStage<EdtalkJob> {
  readonly name = 'lipsync-edtalk_256';
  private mel: DubMel | undefined;
  private weight = Float32Array.of(DEFAULT_WEIGHT);

  constructor(faces: FaceTrackStage) {
    super(faces, 'edtalk_256');
  }

  protected override async prepareRun(ctx: StageContext): Promise<void> {
    this.mel = await DubMel.load(ctx.audioPath, ctx.fps, ctx.audioOffset);
    const w = ctx.options.lipsyncWeight;
    this.weight = Float32Array.of(w !== undefined && Number.isFinite(w) ? w : DEFAULT_WEIGHT);
  }

  protected override skips(frame: VideoFrame): boolean {
    return lipsyncIsOff(this.ctx, frame);
  }

  protected async cutFace(frame: VideoFrame, face: TrackedFace): Promise<EdtalkJob> {
    const { crop, matrix } = await alignFace(frame, face.landmarks, EDTALK_TEMPLATE, EDTALK_SIZE);
    const target = toPlanar(crop, LAYOUT, new Float32Array(3 * EDTALK_SIZE * EDTALK_SIZE));
    return { frame, face, matrix, feeds: { source: this.mel!.windowFor(frame.index), target, weight: this.weight } };
  }

  protected async pasteFace(job: EdtalkJob, output: Float32Array): Promise<void> {
    const crop = fromPlanar(output, EDTALK_SIZE, EDTALK_SIZE, LAYOUT);
    await pasteCrop(
      this.compositor!,
      job.frame,
      job.face.landmarks,
      crop,
      job.matrix,
      LOWER_FACE_PASTE,
      this.ctx.options.colorMatch === true,
    );
  }
}

import type { Affine } from '../../compositing';
import type { FaceTrackStage } from '../../face/stage';
import type { TrackedFace } from '../../face/types';
import type { VideoFrame } from '../../pipeline/frame';
import type { StageContext } from '../../pipeline/stage';
import { boxMatrix, cropBox, wav2lipBox } from './crop-box';
import { FaceModelStage, type FaceJob } from './face-model-stage';
import { lipsyncIsOff } from './lipsync-off';
import { DubMel } from './mel-windows';
import { LOWER_FACE_PASTE, pasteCrop } from './paste';
import { fromPlanar, toPlanar, zeroRows, type PlanarLayout } from './tensors';

/** Wav2Lip's inner resolution; the model repaints rows [48, 96) of the crop. */
export const WAV2LIP_SIZE = 96;
const MASKED_FROM_ROW = WAV2LIP_SIZE / 2;
/** Trained on OpenCV frames: BGR planes in [0,1] (docs/reference.md §3). */
export const WAV2LIP_LAYOUT: PlanarLayout = { order: 'bgr', range: 'unit' };

interface Wav2LipJob extends FaceJob {
  matrix: Affine;
}

/**
 * Wav2Lip (wav2lip_96, wav2lip_gan_96): the face box resized to 96×96; `target` holds the
 * crop with its lower half blanked (what to inpaint) next to the unmasked reference (whose
 * identity and pose to keep); `source` is the dub's mel window for that very output frame.
 * The 96×96 answer is warped back over the box and blended in with a lower-face mask.
 */
export class Wav2LipStage extends FaceModelStage<Wav2LipJob> {
  readonly name: string;
  private mel: DubMel | undefined;

  constructor(faces: FaceTrackStage, modelName: string) {
    super(faces, modelName);
    this.name = `lipsync-${modelName}`;
  }

  protected override async prepareRun(ctx: StageContext): Promise<void> {
    this.mel = await DubMel.load(ctx.audioPath, ctx.fps, ctx.audioOffset);
  }

  protected override skips(frame: VideoFrame): boolean {
    return lipsyncIsOff(this.ctx, frame);
  }

  protected async cutFace(frame: VideoFrame, face: TrackedFace): Promise<Wav2LipJob> {
    const box = wav2lipBox(face.landmarks, frame.width, frame.height);
    const crop = await cropBox(frame, box, WAV2LIP_SIZE);
    const plane = WAV2LIP_SIZE * WAV2LIP_SIZE;
    const target = new Float32Array(6 * plane);
    toPlanar(crop, WAV2LIP_LAYOUT, target, 0);
    zeroRows(target, WAV2LIP_SIZE, WAV2LIP_SIZE, MASKED_FROM_ROW, 0, 3);
    // The reference should ideally be a neutralised frame (docs/reference.md §1); the frame itself for now.
    toPlanar(crop, WAV2LIP_LAYOUT, target, 3 * plane);
    return { frame, face, feeds: { source: this.mel!.windowFor(frame.index), target }, matrix: boxMatrix(box, WAV2LIP_SIZE) };
  }

  protected async pasteFace(job: Wav2LipJob, output: Float32Array): Promise<void> {
    const crop = fromPlanar(output, WAV2LIP_SIZE, WAV2LIP_SIZE, WAV2LIP_LAYOUT);
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

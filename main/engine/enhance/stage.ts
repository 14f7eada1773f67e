import { alignFace, type Affine, type RgbImage } from '../compositing';
import type { FaceTrackStage } from '../face/stage';
import type { TrackedFace } from '../face/types';
import { FaceModelStage, type FaceJob } from '../lipsync/neural/face-model-stage';
import type { Feeds } from '../lipsync/neural/model';
import { FACE_OVAL_PASTE, pasteCrop } from '../lipsync/neural/paste';
import { fromPlanar, mixImages, toPlanar, type PlanarLayout } from '../lipsync/neural/tensors';
import type { VideoFrame } from '../pipeline/frame';
import type { StageContext } from '../pipeline/stage';
import type { EnhancerSpec } from './specs';

const LAYOUT: PlanarLayout = { order: 'rgb', range: 'signed' };
/** Share of the restored face in the result: all of it looks waxy, peers default to 80 %. */
const DEFAULT_BLEND = 0.8;
const DEFAULT_FIDELITY = 0.5;

interface EnhanceJob extends FaceJob {
  crop: RgbImage;
  matrix: Affine;
}

function option(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : fallback;
}

/**
 * Face restoration after lip-sync (GFPGAN, GPEN-BFR, CodeFormer): the face aligned to the
 * model's template, restored, mixed with the unrestored crop by ctx.options.enhanceBlend
 * (default 0.8) and pasted back with a face-oval mask. Sees the lip-synced mouth, so teeth and
 * lips that the 96-px lip-sync blurred come back sharp.
 */
export class EnhanceStage extends FaceModelStage<EnhanceJob> {
  readonly name: string;
  private blend = DEFAULT_BLEND;
  private fidelity = Float32Array.of(DEFAULT_FIDELITY);

  constructor(
    faces: FaceTrackStage,
    private readonly spec: EnhancerSpec,
  ) {
    super(faces, spec.model);
    this.name = `enhance-${spec.model}`;
  }

  protected override async prepareRun(ctx: StageContext): Promise<void> {
    this.blend = option(ctx.options.enhanceBlend, DEFAULT_BLEND);
    this.fidelity = Float32Array.of(option(ctx.options.enhanceFidelity, DEFAULT_FIDELITY));
  }

  protected async cutFace(frame: VideoFrame, face: TrackedFace): Promise<EnhanceJob> {
    const { crop, matrix } = await alignFace(frame, face.landmarks, this.spec.template, this.spec.size);
    const input = toPlanar(crop, LAYOUT, new Float32Array(3 * this.spec.size * this.spec.size));
    const feeds: Feeds = this.spec.fidelity ? { input, weight: this.fidelity } : { input };
    return { frame, face, feeds, crop, matrix };
  }

  protected async pasteFace(job: EnhanceJob, output: Float32Array): Promise<void> {
    const restored = fromPlanar(output, this.spec.size, this.spec.size, LAYOUT);
    const crop = this.blend >= 1 ? restored : mixImages(job.crop, restored, this.blend);
    await pasteCrop(
      this.compositor!,
      job.frame,
      job.face.landmarks,
      crop,
      job.matrix,
      FACE_OVAL_PASTE,
      this.ctx.options.colorMatch === true,
    );
  }
}

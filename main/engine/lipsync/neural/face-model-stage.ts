import { Compositor } from '../../compositing';
import { mainFaceOf, type FaceTrackStage } from '../../face/stage';
import type { TrackedFace } from '../../face/types';
import type { VideoFrame } from '../../pipeline/frame';
import type { FrameStage, StageContext } from '../../pipeline/stage';
import { NeuralModel, type Feeds } from './model';
import { neuralTimings } from './timings';

/** One face's model call: what to feed, and whatever the paste needs to put the result back. */
export interface FaceJob {
  frame: VideoFrame;
  face: TrackedFace;
  feeds: Feeds;
}

const DEFAULT_BATCH = 8;

/**
 * The shape every neural adapter shares (lip-sync, enhancement, expression): per batch, cut
 * each frame's main face into the model's input, run the model over the batch, then paste
 * every output back through the Compositor. Only the main speaker's face is touched; frames
 * without a face pass through. Subclasses say how to cut and how to paste.
 */
export abstract class FaceModelStage<J extends FaceJob = FaceJob> implements FrameStage {
  abstract readonly name: string;
  protected ctx!: StageContext;
  protected compositor: Compositor | undefined;
  private model: NeuralModel | undefined;
  private batch = DEFAULT_BATCH;

  constructor(
    protected readonly faces: FaceTrackStage,
    readonly modelName: string,
  ) {}

  async prepare(ctx: StageContext): Promise<void> {
    this.ctx = ctx;
    this.batch = Math.max(1, Math.floor(ctx.options.batchSize || DEFAULT_BATCH));
    this.model = await NeuralModel.open(this.modelName, this.name);
    this.compositor = await Compositor.create();
    await this.prepareRun(ctx);
  }

  /** Per-run set-up beyond the model (e.g. the dub's mel spectrogram). */
  protected async prepareRun(_ctx: StageContext): Promise<void> {}

  /** Frames to leave as they are (lip-sync stages: segments with lip-sync turned off). */
  protected skips(_frame: VideoFrame): boolean {
    return false;
  }

  protected abstract cutFace(frame: VideoFrame, face: TrackedFace): Promise<J>;

  protected abstract pasteFace(job: J, output: Float32Array): Promise<void>;

  async process(batch: VideoFrame[]): Promise<VideoFrame[]> {
    if (!this.model) return batch;
    const started = performance.now();
    const jobs: J[] = [];
    for (const frame of batch) {
      const face = mainFaceOf(frame, this.faces.track);
      if (face && !this.skips(frame)) jobs.push(await this.cutFace(frame, face));
    }
    const outputs = jobs.length
      ? await this.model.runAll(
          jobs.map((j) => j.feeds),
          this.batch,
        )
      : [];
    for (let i = 0; i < jobs.length; i++) await this.pasteFace(jobs[i], outputs[i]);
    neuralTimings.addBatch(this.name, batch.length, performance.now() - started);
    return batch;
  }

  async release(): Promise<void> {
    // The session stays in the process-wide pool (the next run reuses it); the Mats do not.
    this.compositor?.release();
    this.compositor = undefined;
    this.model = undefined;
  }
}

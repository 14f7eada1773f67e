import { join } from 'node:path';
import { planExport, type ExportRequest } from '../export/export-language';
import type { VideoFrame } from '../pipeline/frame';
import type { FrameStage, StageContext } from '../pipeline/stage';
import { buildStageChain } from '../stages';

/** A language's render as the export and the preview render make it (jobs/editor-render.ts: previewRequestFor). */
export type ExportFrameRequest = Omit<ExportRequest, 'onProgress' | 'onChunk' | 'onPhase' | 'onWarning' | 'signal'>;

/**
 * The export's own stage chain for one state of a project, prepared once and kept for the
 * monitor's paused frames: the same plan (planExport: fitted clips, each speaker's mix), the same
 * stages (each speaker's lip-sync with their own plan and bank, expression), so a paused frame is
 * the frame the export and the preview chunks show. Each frame depends only on the plans and its
 * own index (lipsync/builtin/stage.ts), so one frame renders on its own.
 */
export class ExportFrameRenderer {
  /** Frames go through the chain one at a time (the stages keep per-run state, e.g. the bank's read-ahead). */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly stages: FrameStage[]) {}

  static async prepare(req: ExportFrameRequest): Promise<ExportFrameRenderer> {
    // Its own folder for the speakers' mixes: a preview chunk render rewrites the ones in workDir.
    const planned = await planExport({ ...req, workDir: join(req.workDir, 'frame'), only: { start: 0, end: 1 } });
    const stages = await buildStageChain(planned.lipsync);
    const v = planned.video;
    const context: StageContext = {
      videoPath: req.video,
      width: v.width,
      height: v.height,
      fps: v.fps,
      frameCount: planned.frames,
      audioPath: planned.audioPath,
      audioOffset: 0,
      options: { ...planned.lipsync, batchSize: 1 },
      warn: () => undefined,
    };
    const prepared: FrameStage[] = [];
    try {
      for (const s of stages) {
        await s.prepare(context);
        prepared.push(s);
      }
    } catch (e) {
      for (const s of prepared.reverse()) await s.release();
      throw e;
    }
    return new ExportFrameRenderer(stages);
  }

  /** Renders `frame` in place; `lipsynced`: whether the lip-sync stage changed its pixels. */
  render(frame: VideoFrame): Promise<{ frame: VideoFrame; lipsynced: boolean }> {
    const run = this.queue.then(() => this.run(frame));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(frame: VideoFrame): Promise<{ frame: VideoFrame; lipsynced: boolean }> {
    let batch = [frame];
    let lipsynced = false;
    for (const stage of this.stages) {
      const before = stage.name.startsWith('lipsync') ? Buffer.from(batch[0].data) : undefined;
      batch = await stage.process(batch);
      if (before) lipsynced = !before.equals(batch[0].data);
    }
    return { frame: batch[0], lipsynced };
  }

  /** After the frames in flight. */
  async release(): Promise<void> {
    await this.queue;
    for (const s of [...this.stages].reverse()) await s.release();
  }
}

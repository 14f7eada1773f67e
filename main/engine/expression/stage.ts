import { mainFaceOf } from '../face/stage';
import type { FaceTrack } from '../face/types';
import type { VideoFrame } from '../pipeline/frame';
import type { FrameStage, StageContext } from '../pipeline/stage';
import { applyExpression } from './apply-expression';
import { templateWeightsAt, type EmotionSpan } from './schedule';
import { mixTemplates } from './templates';

/** Where the stage finds the face track and the emotion schedule. */
export interface ExpressionStageSource {
  track(): FaceTrack | undefined;
}

/**
 * Emotion templates by mesh warp: each frame's face is warped towards the templates active at
 * that frame (segments, eased at their borders). Runs after lip-sync, on the landmarks the
 * previous stages left on the frame. Options: ctx.options.emotions (EmotionSpan[]), or
 * ctx.options.emotion + intensity for the whole video.
 */
export class ExpressionStage implements FrameStage {
  readonly name = 'expression';
  private spans: EmotionSpan[] = [];
  private fps = 25;

  constructor(private readonly source: ExpressionStageSource) {}

  async prepare(ctx: StageContext): Promise<void> {
    this.fps = ctx.fps;
    const { emotions, emotion, intensity = 1 } = ctx.options;
    this.spans = emotions ?? (emotion ? [{ start: 0, end: Infinity, template: emotion, intensity }] : []);
  }

  async process(batch: VideoFrame[]): Promise<VideoFrame[]> {
    if (!this.spans.length) return batch;
    for (const frame of batch) {
      const face = mainFaceOf(frame, this.source.track());
      if (!face) continue;
      const weights = templateWeightsAt(this.spans, frame.index, this.fps);
      applyExpression(frame, face.landmarks, mixTemplates(weights));
    }
    return batch;
  }

  async release(): Promise<void> {
    this.spans = [];
  }
}

import type { StageOptions } from '../stages/options';
import type { VideoFrame } from './frame';
import type { Progress } from './progress';

/** What every stage learns before the first frame. */
export interface StageContext {
  /** The source video (its path, for stages that analyse it as a whole, e.g. a face track cache). */
  videoPath: string;
  width: number;
  height: number;
  fps: number;
  frameCount: number;
  /** The dub audio the lips must follow (mono float PCM is available through the audio module). */
  audioPath?: string;
  /** Where the dub audio starts on the output timeline, seconds. */
  audioOffset: number;
  /** The run's request (engine, emotions, lip-sync-off spans…) and the stages' tuning knobs. */
  options: StageOptions;
  /** Non-fatal messages for the user (a missing face, a provider fallback…). */
  warn(message: string): void;
  /** Cancels the run: long preparation (a face analysis of the whole video) stops at once. */
  signal?: AbortSignal;
  /** What the run is doing before frames flow ("analysing faces"), and how far, for the user. */
  phase?(name: string, progress?: Progress): void;
}

/**
 * The one interface every pipeline stage implements: face tracking, expression, lip-sync,
 * enhancement, blending. Frames arrive in order, in batches; a stage may change pixels in place.
 */
export interface FrameStage {
  readonly name: string;
  /**
   * What prepare() does, in the user's words ("analysing faces"), announced when it starts;
   * default "preparing NAME"; null for a prepare() too quick to mention.
   */
  readonly phase?: string | null;
  prepare(ctx: StageContext): Promise<void>;
  process(batch: VideoFrame[]): Promise<VideoFrame[]>;
  release(): Promise<void>;
}

import type { VideoFrame } from '../pipeline/frame';
import type { FrameStage, StageContext } from '../pipeline/stage';
import { analyzeVideo, type AnalyzeOptions } from './analyze';
import type { FaceTrack, TrackedFace } from './types';

/** A frame that went through FaceTrackStage: the faces found on it (maybe none). */
export interface FaceFrame extends VideoFrame {
  faces: TrackedFace[];
}

/** Faces attached to a frame by FaceTrackStage; [] for a frame that did not pass through it. */
export function facesOf(frame: VideoFrame): TrackedFace[] {
  return (frame as Partial<FaceFrame>).faces ?? [];
}

/** The main speaker's face on a frame, if visible. */
export function mainFaceOf(frame: VideoFrame, track: FaceTrack | undefined): TrackedFace | undefined {
  const faces = facesOf(frame);
  return faces.find((f) => f.trackId === track?.mainTrackId) ?? faces[0];
}

/**
 * First stage of a lip-sync chain: loads (or computes once, then caches) the face track of
 * the source video in prepare(), and attaches each frame's faces by index. Frames past the
 * analysed range (held frames of the pad policy) repeat the last analysed frame's faces.
 * Options: ctx.options.face (AnalyzeOptions, e.g. { mainTrackId }).
 */
export class FaceTrackStage implements FrameStage {
  readonly name = 'face-track';
  readonly phase = 'analysing faces';
  private current: FaceTrack | undefined;

  constructor(private readonly options: AnalyzeOptions = {}) {}

  /** The whole track, for stages that look ahead or behind (smoothing windows, D-Net's 26 frames). */
  get track(): FaceTrack | undefined {
    return this.current;
  }

  facesAt(index: number): TrackedFace[] {
    const frames = this.current?.frames ?? [];
    if (!frames.length) return [];
    return frames[Math.min(Math.max(0, index), frames.length - 1)].faces;
  }

  async prepare(ctx: StageContext): Promise<void> {
    this.current = await analyzeVideo(ctx.videoPath, {
      ...ctx.options.face,
      ...this.options,
      signal: ctx.signal,
      onProgress: (p) => ctx.phase?.(this.phase, p),
    });
    const seen = this.current.frames.filter((f) => f.faces.length).length;
    if (seen === 0) ctx.warn('no face found in the video: frames pass through unchanged');
    else if (seen < this.current.frames.length) {
      ctx.warn(`a face is visible in ${seen} of ${this.current.frames.length} frames; frames without one pass through unchanged`);
    }
  }

  async process(batch: VideoFrame[]): Promise<VideoFrame[]> {
    for (const f of batch) (f as FaceFrame).faces = this.facesAt(f.index);
    return batch;
  }

  async release(): Promise<void> {
    this.current = undefined;
  }
}

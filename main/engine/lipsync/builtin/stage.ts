import { statSync } from 'node:fs';
import { Compositor } from '../../compositing';
import type { FaceTrackStage, FaceFrame } from '../../face/stage';
import { mainFaceOf } from '../../face/stage';
import type { FaceTrack } from '../../face/types';
import type { VideoFrame } from '../../pipeline/frame';
import type { FrameStage, StageContext } from '../../pipeline/stage';
import { MouthBank } from './mouth-bank';
import { mainFaceAt, planBuiltinLipsync, type LipsyncPlan } from './plan';
import { renderMouth } from './render-mouth';
import { steadyLandmarks } from './steady';
import { mouthLayers } from './crossfade';

/** Frames on each side of a plan jump that show both mouths (crossfade.ts). */
const FADE_HALF = 1;

/** Time spans (s) where a segment turned lip-sync off: frames there keep their own mouth. */
export type LipsyncOffSpans = [number, number][];

const plans = new Map<string, Promise<LipsyncPlan>>();

/** Plans are pure functions of their inputs; an export asks for the same one once per chunk. */
function cachedPlan(key: string, make: () => Promise<LipsyncPlan>): Promise<LipsyncPlan> {
  if (!plans.has(key)) {
    if (plans.size > 8) plans.delete(plans.keys().next().value!);
    plans.set(
      key,
      make().catch((e) => (plans.delete(key), Promise.reject(e))),
    );
  }
  return plans.get(key)!;
}

/**
 * The built-in lip-sync: every frame's lower face is replaced by the speaker's own mouth from
 * the frame of the source that best fits the dub there (see plan.ts), pasted photorealistically.
 * Each frame depends only on the plan and its own index, so any range renders on its own.
 */
export class BuiltinLipsyncStage implements FrameStage {
  readonly name = 'lipsync-builtin';
  /** prepare() plans the mouth sequence and builds (or reads) the speaker's mouth bank. */
  readonly phase = 'building bank';
  private plan: LipsyncPlan | undefined;
  private bank: MouthBank | undefined;
  private compositor: Compositor | undefined;
  private track: FaceTrack | undefined;
  private off: LipsyncOffSpans = [];
  private fps = 25;

  constructor(private readonly faces: FaceTrackStage) {}

  async prepare(ctx: StageContext): Promise<void> {
    this.track = this.faces.track;
    this.fps = ctx.fps;
    this.off = ctx.options.lipsyncOff ?? [];
    if (!this.track || this.track.mainTrackId === null || !ctx.audioPath) return;
    const req = {
      videoPath: ctx.videoPath,
      track: this.track,
      dubPath: ctx.audioPath,
      dubOffset: ctx.audioOffset,
      outputFrames: ctx.frameCount,
      script: ctx.options.script,
      language: ctx.options.language,
    };
    // The dub file's size and time are part of the key: an export rewrites its mix in place.
    const dub = statSync(req.dubPath);
    const key = JSON.stringify([
      this.track.videoHash,
      req.dubPath,
      dub.size,
      dub.mtimeMs,
      req.dubOffset,
      req.outputFrames,
      req.script,
      req.language,
    ]);
    this.plan = await cachedPlan(key, () => planBuiltinLipsync(req));
    this.bank = await MouthBank.load(ctx.videoPath, this.track);
    this.compositor = await Compositor.create();
  }

  async process(batch: VideoFrame[]): Promise<VideoFrame[]> {
    if (!this.plan || !this.bank || !this.track) return batch;
    for (const frame of batch) await this.renderFrame(frame as FaceFrame);
    return batch;
  }

  private async renderFrame(frame: FaceFrame): Promise<void> {
    const face = mainFaceOf(frame, this.track);
    const t = frame.index / this.fps;
    if (!face || this.off.some(([a, b]) => t >= a && t < b)) return;
    const choice = this.plan!.choice;
    const i = Math.min(frame.index, choice.length - 1);
    const usable = (j: number) => j >= 0 && j < this.track!.frames.length && !!mainFaceAt(this.track!, j) && this.bank!.has(j);
    const layers = mouthLayers(choice, i, FADE_HALF, usable);
    let landmarks: Float32Array | undefined;
    for (const { sourceIndex, weight } of layers) {
      // The frame's own mouth, fully: it is already there (the plan picks it where its own audio fits).
      if (sourceIndex === frame.index && weight === 1) continue;
      if (!usable(sourceIndex)) continue;
      landmarks = await this.paste(frame, face.landmarks, sourceIndex, weight);
    }
    // Later stages (expression) see the new mouth; the cached track itself stays untouched.
    if (landmarks) frame.faces = frame.faces.map((f) => (f === face ? { ...f, landmarks } : f));
  }

  /** Pastes source frame `sourceIndex`'s mouth over the frame at `weight`; returns the merged landmarks. */
  private paste(frame: FaceFrame, target: Float32Array, sourceIndex: number, weight: number): Promise<Float32Array> {
    const track = this.track!;
    const source = mainFaceAt(track, sourceIndex)!;
    const steady = {
      target: steadyLandmarks(track, Math.min(frame.index, track.frames.length - 1)) ?? target,
      source: steadyLandmarks(track, sourceIndex) ?? source.landmarks,
    };
    return renderMouth(this.compositor!, frame, target, this.bank!, { sourceIndex, landmarks: source.landmarks }, steady, weight);
  }

  async release(): Promise<void> {
    await this.bank?.close();
    this.compositor?.release();
    this.compositor = undefined;
    this.bank = undefined;
    this.plan = undefined;
  }
}

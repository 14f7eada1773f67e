import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Compositor } from '../../compositing';
import type { FaceTrackStage, FaceFrame } from '../../face/stage';
import { mainFaceOf } from '../../face/stage';
import type { FaceTrack } from '../../face/types';
import type { VideoFrame } from '../../pipeline/frame';
import type { FrameStage, StageContext } from '../../pipeline/stage';
import { stageThreadCount, WorkerPool } from '../../pipeline/worker-pool';
import { MouthBank } from './mouth-bank';
import type { MouthPasteResult, MouthPasteTask } from './mouth-paste';
import { mainFaceAt, planBuiltinLipsync, type LipsyncPlan } from './plan';
import { renderMouth } from './render-mouth';
import { steadyLandmarks } from './steady';
import { mouthLayers, type MouthLayer } from './crossfade';
import { pictureOrigins } from './repeats';

/** Frames on each side of a plan jump that show both mouths (crossfade.ts). */
const FADE_HALF = 1;

/**
 * The paste thread's entry: the source in a checkout; in a build the bundled file
 * (electron.vite.config.ts) beside cli.js, one folder up when this code sits in a shared chunk.
 */
function mouthThreadEntry(): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('./mouth-thread.ts', import.meta.url);
  const names = ['./lipsync-mouth-thread.js', '../lipsync-mouth-thread.js'];
  const found = names.map((n) => new URL(n, import.meta.url)).find((u) => existsSync(fileURLToPath(u)));
  if (!found) throw new Error(`stage.ts: lipsync-mouth-thread.js is missing beside ${fileURLToPath(import.meta.url)} (rebuild)`);
  return found;
}

/** A pool thread takes the frame's own buffer; one shared with anything else is copied first. */
function ownBuffer(data: Uint8Array): Uint8Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer ? data : data.slice();
}

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
  /** Paste threads (REDUB_STAGE_THREADS, default one per core); none: pastes run on this thread. */
  private pool: WorkerPool<MouthPasteTask, MouthPasteResult> | undefined;
  private track: FaceTrack | undefined;
  /** Per source frame, the frame whose picture it repeats (itself when new): repeats.ts. */
  private origin: Int32Array = new Int32Array(0);
  private off: LipsyncOffSpans = [];
  /** Whether the bank has been told the reads to come (at the first batch). */
  private announced = false;
  private fps = 25;

  constructor(private readonly faces: FaceTrackStage) {}

  async prepare(ctx: StageContext): Promise<void> {
    this.track = this.faces.track;
    this.origin = this.track ? pictureOrigins(this.track) : new Int32Array(0);
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
    const threads = stageThreadCount();
    if (threads > 0) this.pool = new WorkerPool(mouthThreadEntry(), threads);
    else this.compositor = await Compositor.create();
  }

  async process(batch: VideoFrame[]): Promise<VideoFrame[]> {
    if (!this.plan || !this.bank || !this.track) return batch;
    if (!this.announced && batch.length) this.announceReads(batch[0].index);
    // With threads, the batch's pastes run at once (the pool bounds them); each frame keeps its place.
    if (this.pool) await Promise.all(batch.map((frame) => this.renderFrame(frame as FaceFrame)));
    else for (const frame of batch) await this.renderFrame(frame as FaceFrame);
    return batch;
  }

  /** The bank mouths output frame `index` gets, bottom first (cross-faded at plan jumps); none where it keeps its own. */
  private layersFor(index: number, hasFace: boolean): MouthLayer[] {
    const t = index / this.fps;
    if (!hasFace || this.off.some(([a, b]) => t >= a && t < b)) return [];
    const track = this.track!;
    const choice = this.plan!.choice;
    const usable = (j: number) => j >= 0 && j < track.frames.length && !!mainFaceAt(track, j) && this.bank!.has(j);
    const layers = mouthLayers(choice, Math.min(index, choice.length - 1), FADE_HALF, usable);
    // The frame's own mouth, fully: it is already there (the plan picks it where its own audio fits).
    return layers.filter((l) => usable(l.sourceIndex) && !(l.sourceIndex === index && l.weight === 1));
  }

  /**
   * The output frame whose paste frame `index` repeats: where the source repeats its picture,
   * the frame it repeats (same mouth, same landmarks, so the same pixels); else `index`.
   */
  private pictureOf(index: number): number {
    return index < this.origin.length ? this.origin[index] : index;
  }

  /** Frames come in order from `first`: the bank decodes the chunks of the coming reads ahead. */
  private announceReads(first: number): void {
    this.announced = true;
    const reads: number[] = [];
    for (let i = first; i < this.plan!.choice.length; i++) {
      for (const layer of this.layersFor(this.pictureOf(i), !!mainFaceAt(this.track!, i))) reads.push(layer.sourceIndex);
    }
    this.bank!.expect(reads);
  }

  private async renderFrame(frame: FaceFrame): Promise<void> {
    const face = mainFaceOf(frame, this.track);
    if (!face) return;
    const at = this.pictureOf(frame.index);
    const own = (at !== frame.index && mainFaceAt(this.track!, at)?.landmarks) || face.landmarks;
    let landmarks: Float32Array | undefined;
    // Layers of one frame go one after another: each is blended over the one before.
    for (const { sourceIndex, weight } of this.layersFor(at, true)) {
      landmarks = await this.paste(frame, at, own, sourceIndex, weight);
    }
    // Later stages (expression) see the new mouth; the cached track itself stays untouched.
    if (landmarks) frame.faces = frame.faces.map((f) => (f === face ? { ...f, landmarks } : f));
  }

  /**
   * Pastes source frame `sourceIndex`'s mouth over the frame at `opacity`, fitted as on output
   * frame `at` (pictureOf); returns the merged landmarks.
   */
  private paste(frame: FaceFrame, at: number, target: Float32Array, sourceIndex: number, opacity: number): Promise<Float32Array> {
    const track = this.track!;
    const source = mainFaceAt(track, sourceIndex)!;
    const steady = {
      target: steadyLandmarks(track, Math.min(at, track.frames.length - 1)) ?? target,
      source: steadyLandmarks(track, sourceIndex) ?? source.landmarks,
    };
    const mouth = { sourceIndex, landmarks: source.landmarks };
    if (this.pool) return this.pasteInPool(frame, target, mouth, steady, opacity);
    return renderMouth(this.compositor!, frame, target, this.bank!, mouth, steady, opacity);
  }

  /** The same paste on a pool thread: the pixels and the crop travel there and back, never copied. */
  private async pasteInPool(
    frame: FaceFrame,
    target: Float32Array,
    source: MouthPasteTask['source'],
    steady: MouthPasteTask['steady'],
    opacity: number,
  ): Promise<Float32Array> {
    const crop = ownBuffer(await this.bank!.read(source.sourceIndex));
    const data = ownBuffer(frame.data);
    const { index, time, width, height, format } = frame;
    const task: MouthPasteTask = {
      frame: { index, time, width, height, format, data },
      target,
      source,
      steady,
      geometry: this.bank!.geometry,
      crop,
      opacity,
    };
    const result = await this.pool!.run({ payload: task, transfer: [data.buffer as ArrayBuffer, crop.buffer as ArrayBuffer] });
    frame.data = result.data;
    return result.landmarks;
  }

  async release(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
    this.announced = false;
    await this.bank?.close();
    this.compositor?.release();
    this.compositor = undefined;
    this.bank = undefined;
    this.plan = undefined;
  }
}

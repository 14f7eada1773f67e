import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readFrames } from '../media/frame-reader';
import { probeVideo } from '../media/probe';
import { ProgressMeter, type Progress } from '../pipeline/progress';
import { engineSettings } from '../settings';
import { sharedInProcess, withFileLock } from '../cache/build-once';
import { quantisedTrack, readTrackFile, writeTrackFile } from './cache/track-file';
import { mediaContentHash } from '../media/content-hash';
import { analysisSize, DEFAULT_MAX_ANALYSIS_SIDE, toSourcePixels } from './analysis-size';
import { faceModel } from './models/descriptors';
import { prefetched } from './prefetch';
import { pickMainSpeaker } from './track/main-speaker';
import { DEFAULT_SMOOTHING } from './track/face-smoother';
import { FaceTracker, type TrackerOptions } from './track/tracker';
import type { FaceTrack, FrameFaces } from './types';
import { CutDetector } from '../scenes/cut-detector';
import { RepeatDetector } from '../scenes/repeat-detector';
import { AppearanceSamples } from '../speakers/appearance-samples';

/** Bump when the analysis or the file format changes meaning: old cache files are then ignored. */
const ANALYSIS_VERSION = 3;

export interface AnalyzeOptions extends Partial<TrackerOptions> {
  /** Analyse only the first N frames. */
  maxFrames?: number;
  /** Decode for analysis with the long side capped to this (landmarks come back in source pixels). */
  maxSide?: number;
  /** Force this track as the main speaker (not part of the cache key). */
  mainTrackId?: number;
  /** false: neither read nor write the cache. */
  cache?: boolean;
  onProgress?(p: Progress): void;
  signal?: AbortSignal;
}

export interface AnalysisReport {
  track: FaceTrack;
  fromCache: boolean;
  /** Wall time of this call, seconds. */
  seconds: number;
  cachePath: string;
  detections: number;
  /** Why the result could not be stored (the analysis itself succeeded). */
  cacheWriteError?: string;
}

function trackerOptions(o: AnalyzeOptions, fps: number): TrackerOptions {
  return {
    detector: o.detector ?? 'auto',
    minPresence: o.minPresence ?? 0.5,
    redetectEvery: o.redetectEvery ?? Math.round(fps),
    maxFaces: o.maxFaces ?? 4,
    smoothing: o.smoothing === undefined ? DEFAULT_SMOOTHING : o.smoothing,
    reuseWindow: o.reuseWindow ?? Math.round(2 * fps),
  };
}

/** The cache key: video content, the exact model bytes, and every parameter that shapes the result. */
function cacheKey(videoHash: string, t: TrackerOptions, o: AnalyzeOptions): string {
  const models = (['blazeface-short', 'blazeface-full', 'face-mesh-468'] as const).map((id) => faceModel(id).sha256);
  const h = createHash('sha256');
  const size = { maxFrames: o.maxFrames ?? null, maxSide: o.maxSide ?? DEFAULT_MAX_ANALYSIS_SIDE };
  h.update(JSON.stringify({ v: ANALYSIS_VERSION, videoHash, models, t, size }));
  return h.digest('hex').slice(0, 40);
}

type ProbedVideo = Awaited<ReturnType<typeof probeVideo>>['video'];

async function track(
  path: string,
  v: ProbedVideo,
  o: AnalyzeOptions,
  t: TrackerOptions,
  videoHash: string,
): Promise<{ track: FaceTrack; detections: number }> {
  const tracker = await FaceTracker.create(t);
  const total = Math.min(v.frameCount, o.maxFrames ?? Infinity);
  const meter = new ProgressMeter(total, (p) => o.onProgress?.(p));
  const frames: FrameFaces[] = [];
  const size = analysisSize(v.width, v.height, o.maxSide ?? DEFAULT_MAX_ANALYSIS_SIDE);
  const cuts = new CutDetector();
  const repeats = new RepeatDetector();
  const looks = new AppearanceSamples();
  for await (const frame of prefetched(readFrames(path, v, { maxFrames: o.maxFrames, width: size?.width, height: size?.height }))) {
    o.signal?.throwIfAborted();
    // A new shot may show someone else where the last face was: tracking starts afresh.
    if (cuts.push(frame)) tracker.reset();
    repeats.push(frame);
    const faces = await tracker.step(frame);
    looks.add(frame, faces);
    frames.push({ index: frame.index, faces: toSourcePixels(faces, size) });
    meter.update(frames.length);
  }
  meter.update(frames.length, true);
  const mainTrackId = pickMainSpeaker(frames, v.width, v.height);
  const facts = { videoHash, fps: v.fps, width: v.width, height: v.height };
  const extra = { cuts: cuts.cuts, repeats: repeats.repeats, appearance: looks.result() };
  return { track: { ...facts, frames, mainTrackId, ...extra }, detections: tracker.stats.detections };
}

/** Faces of every frame of a video, cached by content so re-opening a project never recomputes. */
export async function analyzeVideoReport(path: string, o: AnalyzeOptions = {}): Promise<AnalysisReport> {
  const started = performance.now();
  const info = await probeVideo(path);
  const t = trackerOptions(o, info.video.fps);
  const videoHash = await mediaContentHash(path);
  const cachePath = join(engineSettings().cacheDir, 'face-tracks', `${cacheKey(videoHash, t, o)}.rft`);
  const withOverride = (tr: FaceTrack): FaceTrack => (o.mainTrackId === undefined ? tr : { ...tr, mainTrackId: o.mainTrackId });
  const cached = o.cache === false ? undefined : await readTrackFile(cachePath);
  if (cached) {
    return { track: withOverride(cached), fromCache: true, seconds: (performance.now() - started) / 1000, cachePath, detections: 0 };
  }
  let cacheWriteError: string | undefined;
  const compute = async () => {
    const computed = await track(path, info.video, o, t, videoHash);
    // The landmarks a cache read will give back (int16, track-file.ts): this run and every later one see the same.
    const r = { ...computed, track: quantisedTrack(computed.track) };
    // The cache only saves time: a full disk or read-only folder must not lose a finished analysis.
    if (o.cache !== false && cacheWriteError === undefined)
      await writeTrackFile(cachePath, r.track).catch((e: Error) => (cacheWriteError = e.message));
    return r;
  };
  // One analysis per key: shared in this process, and across processes by a lock file (another
  // process may have written the entry while this one waited). Cancellable runs are not shared
  // (one caller's cancel must not fail the other).
  const once = () =>
    withFileLock(cachePath, async () => {
      const done = await readTrackFile(cachePath);
      return done ? { track: done, detections: 0 } : compute();
    });
  // A cache folder that cannot be made (a file in its place, read-only disk) only costs the cache.
  const cacheUsable =
    o.cache !== false &&
    (await mkdir(dirname(cachePath), { recursive: true }).then(
      () => true,
      (e: Error) => ((cacheWriteError = e.message), false),
    ));
  const r = cacheUsable && !o.signal ? await sharedInProcess(cachePath, once) : await compute();
  return {
    track: withOverride(r.track),
    fromCache: false,
    seconds: (performance.now() - started) / 1000,
    cachePath,
    detections: r.detections,
    cacheWriteError,
  };
}

export async function analyzeVideo(path: string, o: AnalyzeOptions = {}): Promise<FaceTrack> {
  return (await analyzeVideoReport(path, o)).track;
}

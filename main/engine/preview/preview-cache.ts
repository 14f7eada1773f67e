import { pinCacheEntry } from '../cache/cache-store';
import { Compositor } from '../compositing';
import { analyzeVideo } from '../face/analyze';
import type { FaceTrack } from '../face/types';
import { MouthBank } from '../lipsync/builtin/mouth-bank';
import { planBuiltinLipsync, type LipsyncPlan } from '../lipsync/builtin/plan';
import { readFrames } from '../media/frame-reader';
import { probeVideo } from '../media/probe';
import type { VideoFrame } from '../pipeline/frame';
import { ExportFrameRenderer, type ExportFrameRequest } from './export-frame';
import { proxyWorthwhile, scrubProxy, type ScrubSource } from './scrub-proxy';

type ProbedVideo = Awaited<ReturnType<typeof probeVideo>>;

export interface LipsyncAssets {
  plan: LipsyncPlan;
  bank: MouthBank;
  compositor: Compositor;
}

/** Decoded source frames kept per project: enough for stepping and re-rendering after an edit. */
const FRAME_CAPACITY = 64;
/**
 * Frames decoded per decoder start. Starting ffmpeg costs ~70 ms here (loading its libraries),
 * decoding one more frame a few ms: the frames after a scrub target come almost for free and make
 * frame-stepping (→) and small forward scrubs instant.
 */
const DECODE_AHEAD = 4;

/**
 * What the preview of one project keeps between frames: the probe and face track of the video,
 * the lip-sync plan per dub (placement), the mouth bank and one compositor. Each is a promise,
 * so concurrent requests share one computation, and a failed one is forgotten (the next request
 * retries: the compositing engine may be mid-update, a model may get installed).
 */
export class PreviewCache {
  private videos = new Map<string, Promise<{ info: ProbedVideo; track: FaceTrack }>>();
  private plans = new Map<string, Promise<LipsyncPlan>>();
  private banks = new Map<string, Promise<MouthBank>>();
  private compositor: Promise<Compositor> | undefined;
  private frames = new Map<string, VideoFrame>();
  private decoding = new Map<string, Promise<void>>();
  /** Scrub proxies that are ready, by source path (read synchronously on every decode). */
  private proxies = new Map<string, ScrubSource>();
  private proxyJobs = new Map<string, Promise<ScrubSource | null>>();
  /** The export's chain for the project's current state (one at a time: an edit makes a new one). */
  private exportFrames: { key: string; renderer: Promise<ExportFrameRenderer> } | undefined;
  /** Cache pins of the proxies in use (the cache cap must not remove a file the preview decodes). */
  private unpins: (() => void)[] = [];

  /**
   * Source frame `index`, decoded (with a few frames after it) on a miss. Returns a private copy:
   * the caller paints on it.
   */
  async frame(path: string, index: number): Promise<VideoFrame> {
    const key = `${index}@${path}`;
    if (!this.frames.has(key)) {
      const { info } = await this.video(path);
      // The proxy once it exists (fast seeks anywhere), the source until then.
      const from = this.proxies.get(path) ?? { path, video: info.video };
      await remember(this.decoding, key, () => this.decode(path, from, index)).finally(() => this.decoding.delete(key));
    }
    const f = this.frames.get(key);
    if (!f) throw new Error(`frame ${index} could not be decoded`);
    // Most recently used last, so eviction drops the oldest.
    this.frames.delete(key);
    this.frames.set(key, f);
    return { ...f, data: f.data.slice() };
  }

  /** Resolves once frame `index` is in; the frames after it keep arriving in the background. */
  private decode(path: string, from: ScrubSource, index: number): Promise<void> {
    const count = Math.max(1, Math.min(DECODE_AHEAD, from.video.frameCount - index));
    // start = index / fps lands exactly on frame `index` (the reader keeps the first frame at or after it).
    const frames = readFrames(from.path, from.video, { start: index / from.video.fps, maxFrames: count });
    return new Promise<void>((resolve, reject) => {
      void (async () => {
        for await (const f of frames) {
          this.frames.set(`${f.index}@${path}`, f);
          while (this.frames.size > FRAME_CAPACITY) this.frames.delete(this.frames.keys().next().value!);
          if (f.index >= index) resolve();
        }
        resolve();
      })().catch(reject);
    });
  }

  /** Probe and face track (analysed once per video, then read from the analysis cache). */
  video(path: string): Promise<{ info: ProbedVideo; track: FaceTrack }> {
    return remember(this.videos, path, async () => {
      const info = await probeVideo(path);
      return { info, track: await analyzeVideo(path) };
    });
  }

  /** Everything the built-in lip-sync needs for one dub placement. */
  async lipsync(videoPath: string, dubPath: string, dubOffset: number): Promise<LipsyncAssets> {
    const { info, track } = await this.video(videoPath);
    const planKey = JSON.stringify([videoPath, dubPath, dubOffset]);
    // A few placements at most: moving a dub makes a new plan, old offsets rarely come back.
    if (!this.plans.has(planKey) && this.plans.size >= 4) this.plans.delete(this.plans.keys().next().value!);
    const plan = remember(this.plans, planKey, () =>
      planBuiltinLipsync({ videoPath, track, dubPath, dubOffset, outputFrames: info.video.frameCount }),
    );
    const bank = remember(this.banks, videoPath, () => MouthBank.load(videoPath, track));
    this.compositor ??= Compositor.create().catch((e: unknown) => {
      this.compositor = undefined;
      throw e;
    });
    const [p, b, c] = await Promise.all([plan, bank, this.compositor]);
    return { plan: p, bank: b, compositor: c };
  }

  /**
   * The export's stage chain for `req` (a project whose clips name speakers), prepared once per
   * state of the project; the chain of the state before is released once its frames are done.
   */
  exportFrame(req: ExportFrameRequest): Promise<ExportFrameRenderer> {
    const key = JSON.stringify(req);
    if (this.exportFrames?.key === key) return this.exportFrames.renderer;
    this.dropExportFrames();
    const renderer = ExportFrameRenderer.prepare(req);
    const entry = { key, renderer };
    this.exportFrames = entry;
    renderer.catch(() => this.exportFrames === entry && (this.exportFrames = undefined));
    return renderer;
  }

  private dropExportFrames(): Promise<void> {
    const old = this.exportFrames?.renderer;
    this.exportFrames = undefined;
    return old
      ? old.then(
          (r) => r.release(),
          () => undefined,
        )
      : Promise.resolve();
  }

  /** Makes (or finds) the scrub proxy of a video; null where the source is used as is. */
  proxy(path: string): Promise<ScrubSource | null> {
    return remember(this.proxyJobs, path, async () => {
      const { info, track } = await this.video(path);
      if (!proxyWorthwhile(info.video)) return null;
      const p = await scrubProxy(path, track.videoHash, info.video).catch(() => null);
      if (p) {
        this.unpins.push(pinCacheEntry(p.path));
        this.proxies.set(path, p);
      }
      return p;
    });
  }

  /** Starts the slow parts (analysis, plan, bank, scrub proxy) ahead of the first frame request. */
  warm(videoPath: string, dub: { path: string; offset: number } | null): void {
    const work = dub ? this.lipsync(videoPath, dub.path, dub.offset) : this.video(videoPath);
    work.then(() => this.proxy(videoPath)).catch(() => undefined);
  }

  async close(): Promise<void> {
    const banks = [...this.banks.values()];
    this.banks.clear();
    this.plans.clear();
    this.videos.clear();
    this.frames.clear();
    this.proxies.clear();
    this.proxyJobs.clear();
    for (const unpin of this.unpins.splice(0)) unpin();
    await this.dropExportFrames();
    for (const b of banks)
      await b.then(
        (bank) => bank.close(),
        () => undefined,
      );
    const c = this.compositor;
    this.compositor = undefined;
    await c?.then(
      (x) => x.release(),
      () => undefined,
    );
  }
}

function remember<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let p = map.get(key);
  if (!p) {
    p = make();
    map.set(key, p);
    p.catch(() => map.get(key) === p && map.delete(key));
  }
  return p;
}

import type { VideoFrame } from '../../pipeline/frame';
import { BlazeFaceDetector } from '../detect/blazeface';
import type { FaceDetection } from '../detect/detection';
import { iou } from '../detect/detection';
import { isDegenerate, landmarkBox } from '../geometry';
import { FaceMesh } from '../landmarks/face-mesh';
import { roiFromDetection, roiFromLandmarks, type FaceRoi } from '../landmarks/roi';
import type { FaceBox, TrackedFace } from '../types';
import { FaceSmoother, type FaceSmoothing } from './face-smoother';

export type DetectorChoice = 'short' | 'full' | 'auto';

export interface TrackerOptions {
  /** short range (close-ups), full range (small/far faces), or auto (short, then full if nothing). */
  detector: DetectorChoice;
  /** Face Mesh presence probability below which a track is lost. */
  minPresence: number;
  /** Also look for new faces every this many frames (0: only when a face is lost). */
  redetectEvery: number;
  maxFaces: number;
  /** One Euro parameters for head pose and face shape, or false for raw landmarks. */
  smoothing: FaceSmoothing | false;
  /** How long (frames) a lost track's id stays claimable by a face reappearing at the same place. */
  reuseWindow: number;
}

interface ActiveTrack {
  id: number;
  /** Where to look in the next frame, derived from this frame's raw mesh (MediaPipe tracking). */
  roi: FaceRoi;
  smoother: FaceSmoother | undefined;
  face: TrackedFace;
}

interface LostTrack {
  id: number;
  box: FaceBox;
  lostAt: number;
  smoother: FaceSmoother | undefined;
}

/** A face found again within this many frames keeps its smoothing state (no restart blip). */
const SMOOTHER_CARRY_FRAMES = 2;

function centreInside(d: FaceDetection, b: FaceBox): boolean {
  const cx = d.x + d.w / 2,
    cy = d.y + d.h / 2;
  return cx >= b.x && cx <= b.x + b.w && cy >= b.y && cy <= b.y + b.h;
}

/**
 * Detect once, then follow each face with Face Mesh alone: the next crop comes from the
 * previous landmarks. The detector only runs at the start, when a face is lost, and every
 * `redetectEvery` frames to pick up newcomers. Never throws for a missing face.
 */
export class FaceTracker {
  private active: ActiveTrack[] = [];
  private lost: LostTrack[] = [];
  private nextId = 0;
  private lastDetection = -Infinity;
  readonly stats = { detections: 0, meshRuns: 0 };

  private constructor(
    private readonly o: TrackerOptions,
    private readonly mesh: FaceMesh,
    private readonly short: BlazeFaceDetector | undefined,
    private readonly full: BlazeFaceDetector | undefined,
  ) {}

  static async create(o: TrackerOptions): Promise<FaceTracker> {
    const short = o.detector !== 'full' ? await BlazeFaceDetector.create('short') : undefined;
    const full = o.detector !== 'short' ? await BlazeFaceDetector.create('full') : undefined;
    return new FaceTracker(o, await FaceMesh.create(), short, full);
  }

  /** After a scene cut: every face is new (no id, crop or smoothing state carries over). */
  reset(): void {
    this.active = [];
    this.lost = [];
    this.lastDetection = -Infinity;
  }

  async step(frame: VideoFrame): Promise<TrackedFace[]> {
    const anyLost = await this.followActive(frame);
    const due = this.o.redetectEvery > 0 && frame.index - this.lastDetection >= this.o.redetectEvery;
    if (this.active.length === 0 || anyLost || due) await this.addNewFaces(frame);
    return this.active.map((t) => t.face);
  }

  private async followActive(frame: VideoFrame): Promise<boolean> {
    let anyLost = false;
    const kept: ActiveTrack[] = [];
    for (const t of this.active) {
      const next = await this.measure(frame, t.roi, t.smoother, t.id);
      if (next && !this.duplicates(next, kept)) kept.push(next);
      else {
        anyLost = true;
        this.lost.push({ id: t.id, box: t.face.box, lostAt: frame.index, smoother: t.smoother });
      }
    }
    this.active = kept;
    return anyLost;
  }

  /** Two tracks that converged on one face: keep the older. */
  private duplicates(t: ActiveTrack, kept: ActiveTrack[]): boolean {
    return kept.some((k) => iou(k.face.box, t.face.box) > 0.5);
  }

  /** Runs the mesh at `roi`; undefined when no face is there (low presence or a collapsed mesh). */
  private async measure(frame: VideoFrame, roi: FaceRoi, smoother: FaceSmoother | undefined, id: number): Promise<ActiveTrack | undefined> {
    this.stats.meshRuns++;
    const m = await this.mesh.run(frame, roi);
    if (m.presence < this.o.minPresence || isDegenerate(m.points, frame.width, frame.height)) return undefined;
    const landmarks = smoother ? smoother.filter(m.points, frame.time) : m.points;
    // The next crop follows the raw mesh: smoothing must not make the crop lag the head.
    const face = { trackId: id, box: landmarkBox(landmarks), landmarks, score: m.presence };
    return { id, roi: roiFromLandmarks(m.points), smoother, face };
  }

  private async detect(frame: VideoFrame): Promise<FaceDetection[]> {
    this.stats.detections++;
    this.lastDetection = frame.index;
    const found = this.short ? await this.short.detect(frame) : [];
    if (found.length || !this.full) return found;
    return this.full.detect(frame);
  }

  private async addNewFaces(frame: VideoFrame): Promise<void> {
    const dets = (await this.detect(frame)).sort((a, b) => b.score - a.score);
    for (const d of dets) {
      if (this.active.length >= this.o.maxFaces) break;
      if (this.active.some((t) => centreInside(d, t.face.box))) continue;
      const lost = this.lostAt(d, frame.index);
      const carry = lost && frame.index - lost.lostAt <= SMOOTHER_CARRY_FRAMES ? lost.smoother : undefined;
      const smoother = carry ?? (this.o.smoothing ? new FaceSmoother(this.o.smoothing) : undefined);
      const t = await this.measure(frame, roiFromDetection(d), smoother, lost?.id ?? this.nextId);
      if (!t) continue;
      if (lost) this.lost = this.lost.filter((l) => l !== lost);
      else this.nextId++;
      this.active.push(t);
    }
    this.lost = this.lost.filter((l) => frame.index - l.lostAt <= this.o.reuseWindow);
  }

  /** A face reappearing where a track was recently lost keeps that track's id. */
  private lostAt(d: FaceDetection, index: number): LostTrack | undefined {
    const box = { x: d.x, y: d.y, w: d.w, h: d.h };
    let best: LostTrack | undefined;
    let bestIou = 0.2;
    for (const l of this.lost) {
      const v = iou(box, l.box);
      if (index - l.lostAt <= this.o.reuseWindow && v > bestIou && !this.active.some((a) => a.id === l.id)) {
        best = l;
        bestIou = v;
      }
    }
    return best;
  }
}

import { applyExpression } from '../expression/apply-expression';
import { templateWeightsAt, type EmotionSpan } from '../expression/schedule';
import { mixTemplates } from '../expression/templates';
import { mainFaceAt } from '../lipsync/builtin/plan';
import { renderMouth } from '../lipsync/builtin/render-mouth';
import type { FaceTrack } from '../face/types';
import type { EmotionTemplate } from '../store/types';
import type { ExportFrameRequest } from './export-frame';
import type { PreviewCache } from './preview-cache';

/** One segment as the preview sees it: its look and whether lip-sync applies there. */
export interface PreviewSegment {
  start: number;
  end: number;
  emotionTemplate: EmotionTemplate;
  intensity: number;
  lipsyncEnabled: boolean;
}

export interface PreviewFrameRequest {
  videoPath: string;
  /** Seconds on the output timeline; snapped to the frame on screen there. */
  time: number;
  /** The dub the mouth follows (null: expression only, the original mouth stays). */
  dub: { path: string; offset: number } | null;
  segments: PreviewSegment[];
  /**
   * The language's render as the export makes it, when its clips name speakers: the frame then
   * goes through the export's own chain (every speaker with a line there gets their own mouth,
   * the others keep theirs), and `dub` and `segments` are not used.
   */
  render?: ExportFrameRequest;
}

/** Pixel box in frame coordinates. */
export interface FrameBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PreviewImage {
  width: number;
  height: number;
  /** RGB24, row-major. */
  data: Uint8Array;
  frameIndex: number;
  /** Whether a dub mouth was pasted (false: the plan kept the frame's own mouth, or lip-sync is off). */
  lipsynced: boolean;
  /** Whether an emotion template warped the face. */
  expression: boolean;
  /** The main face's lower half, where lip-sync changes pixels (null: no face on this frame). */
  mouthBox: FrameBox | null;
}

const segmentAt = (segments: PreviewSegment[], t: number) => segments.find((s) => t >= s.start && t < s.end);

/** Segments become the expression stage's eased spans (neutral ones carry no displacement). */
function emotionSpans(segments: PreviewSegment[]): EmotionSpan[] {
  return segments
    .filter((s) => s.emotionTemplate !== 'neutral')
    .map((s) => ({ start: s.start, end: s.end, template: s.emotionTemplate, intensity: s.intensity }));
}

/** From just under the eyes to below the chin: the part of the face lip-sync repaints. */
function lowerFaceBox(landmarks: Float32Array, width: number, height: number): FrameBox {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (let i = 0; i < landmarks.length; i += 3) {
    x0 = Math.min(x0, landmarks[i]);
    x1 = Math.max(x1, landmarks[i]);
    y0 = Math.min(y0, landmarks[i + 1]);
    y1 = Math.max(y1, landmarks[i + 1]);
  }
  const top = y0 + (y1 - y0) * 0.55;
  const box = { x: Math.max(0, Math.floor(x0)), y: Math.max(0, Math.floor(top)), w: 0, h: 0 };
  box.w = Math.min(width, Math.ceil(x1)) - box.x;
  box.h = Math.min(height, Math.ceil(y1 + (y1 - y0) * 0.05)) - box.y;
  return box;
}

/**
 * One edited frame for the editor's monitor, the way an export would render it: the source
 * frame at `time`, the built-in lip-sync's mouth for the dub there (unless the segment turned
 * lip-sync off), then the segment's emotion warp. Everything that does not depend on the frame
 * (face track, plan, mouth bank, compositor, recently decoded frames) comes from `cache`, so
 * scrubbing pays only for one decode (readFrames from `time`) and one composite.
 */
export async function renderPreviewFrame(req: PreviewFrameRequest, cache: PreviewCache): Promise<PreviewImage> {
  const { info, track } = await cache.video(req.videoPath);
  const video = info.video;
  const lastIndex = Math.max(0, video.frameCount - 1);
  const frameIndex = Math.min(lastIndex, Math.max(0, Math.floor(req.time * video.fps + 1e-6)));
  const t = frameIndex / video.fps;
  if (req.render) return exportedFrame(req.render, cache, track, frameIndex, video.fps);
  const segment = segmentAt(req.segments, t);
  const wantLipsync = req.dub !== null && (segment?.lipsyncEnabled ?? true);
  // Plan and bank are started before the decode so a cold first request overlaps them.
  const lipsync = wantLipsync ? cache.lipsync(req.videoPath, req.dub!.path, req.dub!.offset) : undefined;
  // Awaited below; if the decode fails first, its rejection must not go unhandled meanwhile.
  lipsync?.catch(() => undefined);
  const frame = await cache.frame(req.videoPath, frameIndex);
  const face = mainFaceAt(track, frameIndex);
  const out: PreviewImage = {
    width: frame.width,
    height: frame.height,
    data: frame.data,
    frameIndex,
    lipsynced: false,
    expression: false,
    mouthBox: null,
  };
  if (!face) return out;
  out.mouthBox = lowerFaceBox(face.landmarks, frame.width, frame.height);
  let landmarks = face.landmarks;
  if (lipsync) {
    const { plan, bank, compositor } = await lipsync;
    const sourceIndex = plan.choice[Math.min(frameIndex, plan.choice.length - 1)];
    const source = mainFaceAt(track, sourceIndex);
    // The plan may keep the frame's own mouth (its own audio fits the dub there).
    if (sourceIndex !== frameIndex && source && bank.has(sourceIndex)) {
      landmarks = await renderMouth(compositor, frame, face.landmarks, bank, { sourceIndex, landmarks: source.landmarks });
      out.lipsynced = true;
    }
  }
  const weights = templateWeightsAt(emotionSpans(req.segments), frameIndex, video.fps);
  out.expression = applyExpression(frame, landmarks, mixTemplates(weights));
  return out;
}

/** The frame through the export's chain (several speakers); mouthBox: the main face's, as above. */
async function exportedFrame(
  req: ExportFrameRequest,
  cache: PreviewCache,
  track: FaceTrack,
  frameIndex: number,
  fps: number,
): Promise<PreviewImage> {
  const renderer = cache.exportFrame(req);
  renderer.catch(() => undefined);
  const source = await cache.frame(req.video, frameIndex);
  const { frame, lipsynced } = await (await renderer).render(source);
  const face = mainFaceAt(track, frameIndex);
  return {
    width: frame.width,
    height: frame.height,
    data: frame.data,
    frameIndex,
    lipsynced,
    expression: Object.keys(templateWeightsAt(req.lipsync?.emotions ?? [], frameIndex, fps)).length > 0,
    mouthBox: face ? lowerFaceBox(face.landmarks, frame.width, frame.height) : null,
  };
}

import type { VideoFrame } from '../../pipeline/frame';
import type { StageContext } from '../../pipeline/stage';

/** Whether a segment turned lip-sync off at this frame (ctx.options.lipsyncOff: [start, end) spans in s). */
export function lipsyncIsOff(ctx: StageContext, frame: VideoFrame): boolean {
  const spans = ctx.options.lipsyncOff ?? [];
  const t = frame.index / ctx.fps;
  return spans.some(([a, b]) => t >= a && t < b);
}

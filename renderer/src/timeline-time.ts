import type { DubClip } from '../../common/domain';

/**
 * Seconds, frames and timeline pixels: the one place the editor converts between them, so the
 * ruler, the lanes, the clip blocks, the render bar and the frame counter always agree.
 * The timeline's scale is `zoom`, in px per second; frames are numbered 0 … n−1.
 */

/** Low enough that an hour fits a window (≈0.35 px/s); segments then show as colour only. */
export const MIN_ZOOM = 0.2;
export const MAX_ZOOM = 1000;
export const clampZoom = (pxPerSec: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, pxPerSec));
/** The zoom at which `duration` seconds fill `widthPx`. */
export const zoomToFit = (widthPx: number, duration: number): number => Math.max(MIN_ZOOM, widthPx / duration);

/** A time (or a length) on the timeline, px. */
export const toPx = (seconds: number, zoom: number): number => seconds * zoom;
/** A pixel distance on the timeline, seconds. */
export const toSeconds = (px: number, zoom: number): number => px / zoom;
/** The time under the pointer in `el`, whose left edge sits at `from` seconds (never before it). */
export const timeAtPointer = (e: { clientX: number }, el: Element, zoom: number, from = 0): number =>
  from + Math.max(0, toSeconds(e.clientX - el.getBoundingClientRect().left, zoom));

/** Frame number at `t` for a constant-rate source. */
export const frameAt = (t: number, fps: number): number => Math.floor(t * fps + 1e-6);
/** Where frame `n` starts, seconds. */
export const timeOfFrame = (n: number, fps: number): number => n / fps;

interface Source {
  frameCount: number;
  fps: number;
  duration: number;
}

/**
 * The last frame's number (frames are 0 … n−1): from the stream's frame count, not the container's
 * duration, which may run on with the audio (talk3: 125 frames, 5.04 s).
 */
export function lastFrameOf(source: Source): number {
  return Math.max(0, source.frameCount > 0 ? source.frameCount - 1 : Math.ceil(source.duration * source.fps) - 1);
}

/** The frame shown at `t`: past the last frame (the audio's tail), the last frame stays. */
export const frameNumberAt = (t: number, source: Source): number => Math.min(frameAt(t, source.fps), lastFrameOf(source));

/** The picture's end (its last frame's end), not the container's (the audio may run a little longer). */
export const videoEndOf = (source: Source): number =>
  source.frameCount > 0 && source.fps > 0 ? timeOfFrame(source.frameCount, source.fps) : source.duration;

/** What of a dub clip plays: its media less the trimmed head and tail, seconds. */
export const clipLength = (c: DubClip): number => Math.max(0, c.mediaDuration - c.trimStart - c.trimEnd);
/** Where the clip's media time 0 sits on the timeline (the trimmed head is skipped). */
export const clipMediaOrigin = (c: DubClip): number => c.start - c.trimStart;
/** The clip's media time at timeline time `t`. */
export const clipMediaTime = (c: DubClip, t: number): number => t - clipMediaOrigin(c);

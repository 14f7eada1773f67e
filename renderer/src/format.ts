/** mm:ss.cc — what an editor shows next to the playhead. */
export function formatTime(t: number): string {
  const s = Math.max(0, t);
  const m = Math.floor(s / 60);
  const sec = s - m * 60;
  return `${String(m).padStart(2, '0')}:${sec.toFixed(2).padStart(5, '0')}`;
}

/** Frame number at `t` for a constant-rate source. */
export const frameAt = (t: number, fps: number): number => Math.floor(t * fps + 1e-6);

/**
 * The last frame's number (frames are 0 … n−1): from the stream's frame count, not the container's
 * duration, which may run on with the audio (talk3: 125 frames, 5.04 s).
 */
export function lastFrameOf(source: { frameCount: number; fps: number; duration: number }): number {
  return Math.max(0, source.frameCount > 0 ? source.frameCount - 1 : Math.ceil(source.duration * source.fps) - 1);
}

/** The frame shown at `t`: past the last frame (the audio's tail), the last frame stays. */
export const frameNumberAt = (t: number, source: { frameCount: number; fps: number; duration: number }): number =>
  Math.min(frameAt(t, source.fps), lastFrameOf(source));

/** Accepts "2.5", "2,5", "0:02.5" or "1:02:03.5". */
export function parseTime(text: string): number | null {
  const parts = text.trim().replace(',', '.').split(':');
  if (parts.length === 0 || parts.length > 3 || parts.some((p) => p === '' || Number.isNaN(Number(p)))) return null;
  const t = parts.reduce((acc, p) => acc * 60 + Number(p), 0);
  return Number.isFinite(t) && t >= 0 ? t : null;
}

export interface Progress {
  done: number;
  total: number;
  /** Frames per second since the work started (the first update, not the meter's creation). */
  fps: number;
  /** Seconds left at that rate; NaN until enough has been measured for it to mean something. */
  eta: number;
  /** Seconds since the work started. */
  elapsed: number;
}

/**
 * A rate from the first second of a long job is noise, and one measured from before the work
 * began (while faces were being analysed) is wrong: "ETA 1790:29" at the start of a 60 s clip.
 * So the clock starts at the first update, and an ETA is given only after this much work.
 */
export const ETA_AFTER_SECONDS = 3;
export const ETA_AFTER_FRAMES = 10;

/** Turns frame counts into rate and ETA; `report` is throttled so callers can print it. */
export class ProgressMeter {
  private start: { at: number; done: number } | undefined;
  private lastReport = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly total: number,
    private readonly report: (p: Progress) => void,
    private readonly intervalMs = 500,
    private readonly now: () => number = () => performance.now(),
  ) {}

  update(done: number, force = false): void {
    const now = this.now();
    this.start ??= { at: now, done };
    if (!force && now - this.lastReport < this.intervalMs) return;
    this.lastReport = now;
    const elapsed = (now - this.start.at) / 1000;
    const measured = done - this.start.done;
    const fps = elapsed > 0 ? measured / elapsed : 0;
    const meaningful = elapsed >= ETA_AFTER_SECONDS && measured >= ETA_AFTER_FRAMES && fps > 0;
    const eta = meaningful ? Math.max(0, (this.total - done) / fps) : Number.NaN;
    this.report({ done, total: this.total, fps, eta, elapsed });
  }
}

export interface Progress {
  done: number;
  total: number;
  /** Frames per second over the run so far. */
  fps: number;
  /** Seconds left at the current rate. */
  eta: number;
  elapsed: number;
}

/** Turns frame counts into rate and ETA; `report` is throttled so callers can print it. */
export class ProgressMeter {
  private readonly started = performance.now();
  private lastReport = 0;

  constructor(
    private readonly total: number,
    private readonly report: (p: Progress) => void,
    private readonly intervalMs = 500,
  ) {}

  update(done: number, force = false): void {
    const now = performance.now();
    if (!force && now - this.lastReport < this.intervalMs) return;
    this.lastReport = now;
    const elapsed = (now - this.started) / 1000;
    const fps = elapsed > 0 ? done / elapsed : 0;
    const eta = fps > 0 ? Math.max(0, (this.total - done) / fps) : Number.POSITIVE_INFINITY;
    this.report({ done, total: this.total, fps, eta, elapsed });
  }
}

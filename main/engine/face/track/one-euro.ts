/**
 * One Euro filter (Casiez et al. 2012) over a vector of coordinates. The cutoff rises with
 * speed: a still head is smoothed hard (no jitter), a fast-opening mouth passes with little lag.
 * Speed is measured in `scale` units per second (the face height), so the same parameters
 * fit a small face and a close-up.
 */
export interface OneEuroParams {
  /** Cutoff (Hz) at rest: lower = steadier still points. */
  minCutoff: number;
  /** How fast the cutoff rises with speed (per face-height/s). */
  beta: number;
  /** Cutoff (Hz) for the speed estimate itself. */
  dCutoff: number;
}

function alpha(cutoff: number, dt: number): number {
  const tau = 1 / (2 * Math.PI * cutoff);
  return 1 / (1 + tau / dt);
}

export class OneEuroVector {
  private x: Float32Array | undefined;
  private dx: Float32Array | undefined;
  private lastTime = 0;

  constructor(private readonly p: OneEuroParams) {}

  reset(): void {
    this.x = this.dx = undefined;
  }

  /** Filters `value` (in place into a new array) at time `t` seconds; `scale` normalises speed. */
  filter(value: Float32Array, t: number, scale: number): Float32Array {
    if (!this.x || !this.dx || this.x.length !== value.length || t <= this.lastTime) {
      this.x = Float32Array.from(value);
      this.dx = new Float32Array(value.length);
      this.lastTime = t;
      return Float32Array.from(value);
    }
    const dt = t - this.lastTime;
    this.lastTime = t;
    const aD = alpha(this.p.dCutoff, dt);
    const inv = 1 / Math.max(scale, 1e-6);
    const out = new Float32Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const prev = this.x[i];
      const d = (value[i] - prev) / dt;
      const dHat = this.dx[i] + aD * (d - this.dx[i]);
      this.dx[i] = dHat;
      const a = alpha(this.p.minCutoff + this.p.beta * Math.abs(dHat) * inv, dt);
      out[i] = this.x[i] = prev + a * (value[i] - prev);
    }
    return out;
  }
}

import { pearson } from '../../analysis/stats';
import { dot, mean, solveSpd, std } from './linalg';
import { fitMouthSpace, project, reconstruct, type MouthSpace } from './mouth-space';

/**
 * Audio → mouth: predicts, per video frame, the speaker's mouth (coordinates in their own
 * MouthSpace) from a window of broad-band energies around the frame (SpeechFeatures.bands).
 *
 * Learnt from the source video itself (its audio and lips are paired data) by ridge regression
 * shrunk toward a physical prior, so that 3 s of video still give a sane model:
 * - prior: the mouth opens with the speech energy (whole spectrum and 1–3 kHz, smoothed over
 *   three frames) around the time the lips lead the sound; the whole shape moves along the
 *   direction the bank's shapes move when the mouth opens. Its gain is fitted on the source;
 * - the regression adds what this speaker's data support; its strength is chosen by blocked
 *   cross-validation on the source, so short or badly synced sources fall back to the prior.
 * Nothing is fitted on other clips: the prior's form is fixed, its two numbers are the source's.
 */
export interface MouthModel {
  space: MouthSpace;
  /** Frames by which the lips lead the sound (mouth at t follows audio at t + lead). */
  lead: number;
  /** Per component: bias, then one weight per context feature. */
  weights: Float64Array[];
  /** Per component: the source's mean and spread of coordinates (predictions are matched to them). */
  centre: Float64Array;
  spread: Float64Array;
  /** Coordinates of the speaker's closed, relaxed mouth (silence). */
  rest: Float32Array;
  /** Coordinates of the bank's most closed mouths during speech (lips together: m, b, p). */
  closed: Float32Array;
  /** Spread of the source's openness (scales the prior when the source has no audio). */
  opennessSpread: number;
  /** Coordinates of the speaker's widest-open mouths during speech. */
  open: Float32Array;
  /** How the model was chosen, for reports and tests. */
  fit: { lambda: number[]; leadCorrelation: number; priorGain: number; trainFrames: number };
}

/** Frames on each side of the (lead-shifted) centre. */
export const CONTEXT = 3;
/** The lead is searched in this range (frames); out-of-sync sources keep the default. */
/**
 * Lips lead the sound or move with it, never after it: a source whose peak is at a negative lag
 * has an audio/video offset, which a new dub must not inherit.
 */
const LEAD_RANGE = [0, 2] as const;
/**
 * Mouth at t ~ audio around t: on talk3/talk5 (whole clips) the correlation peaks at +1 and −1
 * frames with 0 within 0.05 of both, so 0 is the prior and the source's own peak wins only by
 * LEAD_MARGIN per frame away from it.
 */
const DEFAULT_LEAD = 0;
const LEAD_MARGIN = 0.05;
/** The prior weighs like ~10³–10⁵ frames of unit-variance features: seconds of video cannot outvote it. */
const LAMBDAS = [1e3, 3e3, 1e4, 3e4, 1e5];
const FOLDS = 5;
const CV_TOLERANCE = 1.05;
/** Predictions are stretched at most this much to match the bank's range of shapes. */
const MAX_STRETCH = 2.5;

/** The physical prior for openness: energy of the whole spectrum and of 1–3 kHz, [1 2 1]/4 around the centre. */
const PRIOR_BANDS = [0, 2];
const PRIOR_KERNEL = [0.25, 0.5, 0.25];

export interface TrainingData {
  /** Mouth shapes (mouthShape()) of the frames with a face. */
  shapes: Float32Array[];
  /** Their inner-lip openness. */
  openness: number[];
  /** Their source frame indices. */
  frames: number[];
  /** Source bands per source frame (SpeechFeatures.bands); absent when the source has no audio. */
  bands?: Float32Array[];
  /** Source silence per source frame. */
  silent?: Uint8Array;
}

function bandsAt(bands: Float32Array[], i: number): Float32Array {
  return bands[Math.min(bands.length - 1, Math.max(0, i))];
}

/** Context features of frame i: every band at lags lead − CONTEXT … lead + CONTEXT. */
export function contextRow(bands: Float32Array[], i: number, lead: number): Float64Array {
  const b = bands[0]?.length ?? 0;
  const row = new Float64Array(b * (2 * CONTEXT + 1));
  for (let l = -CONTEXT; l <= CONTEXT; l++) row.set(bandsAt(bands, i + lead + l), (l + CONTEXT) * b);
  return row;
}

/** Prior weights over contextRow(): the smoothed-energy predictor of openness (unit gain). */
function priorWeights(bandCount: number): Float64Array {
  const w = new Float64Array(bandCount * (2 * CONTEXT + 1));
  PRIOR_KERNEL.forEach((k, j) => {
    const lag = j - (PRIOR_KERNEL.length >> 1) + CONTEXT;
    for (const band of PRIOR_BANDS) w[lag * bandCount + band] += k / PRIOR_BANDS.length;
  });
  return w;
}

/**
 * The lead (frames) at which source openness best follows source loudness. A few seconds give a
 * noisy cross-correlation, so another lead than the default must beat it clearly.
 */
function measureLead(d: TrainingData): { lead: number; r: number } {
  if (!d.bands) return { lead: DEFAULT_LEAD, r: NaN };
  const corr = (lead: number) =>
    pearson(
      d.openness,
      d.frames.map((f) => bandsAt(d.bands!, f + lead)[0]),
    ) || 0;
  let best = { lead: DEFAULT_LEAD, r: corr(DEFAULT_LEAD) };
  for (let lead = LEAD_RANGE[0]; lead <= LEAD_RANGE[1]; lead++) {
    const r = corr(lead);
    if (r > best.r + LEAD_MARGIN * Math.abs(lead - DEFAULT_LEAD)) best = { lead, r };
  }
  return best;
}

interface Ridge {
  weights: Float64Array;
  lambda: number;
}

/**
 * The centred normal equations XᵀX of the rows over a subset of frames (and their means): the
 * same for every λ and every mouth coordinate, so they are built once per subset, not once per
 * fit (the CV fits 5 λ × 5 folds × 4 coordinates).
 */
interface NormalEquations {
  idx: number[];
  mx: Float64Array;
  /** XᵀX of the centred rows, both triangles filled. */
  a: Float64Array;
  /** The centred rows, in `idx` order. */
  xc: Float64Array[];
}

function normalEquations(rows: Float64Array[], idx: number[]): NormalEquations {
  const d = rows[0]?.length ?? 0;
  const mx = new Float64Array(d);
  for (const i of idx) for (let k = 0; k < d; k++) mx[k] += rows[i][k] / idx.length;
  const a = new Float64Array(d * d);
  const xc = idx.map((i) => {
    const c = new Float64Array(d);
    for (let k = 0; k < d; k++) c[k] = rows[i][k] - mx[k];
    for (let p = 0; p < d; p++) for (let q = p; q < d; q++) a[p * d + q] += c[p] * c[q];
    return c;
  });
  for (let p = 0; p < d; p++) for (let q = 0; q < p; q++) a[p * d + q] = a[q * d + p];
  return { idx, mx, a, xc };
}

/** The normal equations of every frame, and of every frame but each CV fold's. */
interface RidgeSystems {
  n: number;
  all: NormalEquations;
  folds: NormalEquations[];
}

function foldRange(f: number, n: number): [number, number] {
  return [Math.floor((f * n) / FOLDS), Math.floor(((f + 1) * n) / FOLDS)];
}

function ridgeSystems(rows: Float64Array[]): RidgeSystems {
  const n = rows.length;
  const all = Array.from({ length: n }, (_, i) => i);
  const folds = Array.from({ length: FOLDS }, (_, f) => {
    const [lo, hi] = foldRange(f, n);
    return normalEquations(
      rows,
      all.filter((i) => i < lo || i >= hi),
    );
  });
  return { n, all: normalEquations(rows, all), folds };
}

/** Ridge fit of y on the rows of `ne`, shrunk toward `prior` with strength λ: [bias, weights…]. */
function fitWith(ne: NormalEquations, y: number[], lambda: number, prior: Float64Array): Float64Array {
  const d = prior.length;
  let my = 0;
  for (const i of ne.idx) my += y[i] / ne.idx.length;
  const b = new Float64Array(d);
  ne.idx.forEach((i, r) => {
    const c = ne.xc[r];
    for (let p = 0; p < d; p++) b[p] += c[p] * (y[i] - my);
  });
  const a = ne.a.slice();
  for (let p = 0; p < d; p++) {
    a[p * d + p] += lambda;
    b[p] += lambda * prior[p];
  }
  const w = solveSpd(a, b, d);
  const out = new Float64Array(d + 1);
  out.set(w, 1);
  out[0] = my - w.reduce((s, v, k) => s + v * ne.mx[k], 0);
  return out;
}

/** Ridge regression of y on rows, shrunk toward `prior` (not the bias), with λ by blocked CV. */
function ridgeTowardPrior(rows: Float64Array[], sys: RidgeSystems, y: number[], prior: Float64Array): Ridge {
  const errors = LAMBDAS.map((lambda) => {
    let err = 0;
    sys.folds.forEach((ne, f) => {
      const w = fitWith(ne, y, lambda, prior);
      const [lo, hi] = foldRange(f, sys.n);
      for (let i = lo; i < hi; i++) err += (predictRow(w, rows[i]) - y[i]) ** 2;
    });
    return err;
  });
  // The strongest shrinkage whose error is within CV_TOLERANCE of the best: a few seconds of
  // data cannot tell near-equal models apart, and the prior transfers to other voices.
  const min = Math.min(...errors);
  const lambda = LAMBDAS[errors.findLastIndex((e) => e <= min * CV_TOLERANCE)];
  return { weights: fitWith(sys.all, y, lambda, prior), lambda };
}

function predictRow(w: Float64Array, row: Float64Array): number {
  let s = w[0];
  for (let k = 0; k < row.length; k++) s += w[k + 1] * row[k];
  return s;
}

function meanCoords(coords: Float32Array[], dims: number): Float32Array {
  const out = new Float32Array(dims);
  for (const c of coords) for (let k = 0; k < dims; k++) out[k] += c[k] / coords.length;
  return out;
}

/** Mean coordinates of the frames whose openness is in the lowest `share`. */
function leastOpen(coords: Float32Array[], openness: number[], keep: (i: number) => boolean, share: number): Float32Array {
  const idx = openness.map((_, i) => i).filter(keep);
  const pool = idx.length ? idx : openness.map((_, i) => i);
  pool.sort((a, b) => openness[a] - openness[b]);
  const n = Math.max(1, Math.round(pool.length * share));
  return meanCoords(
    pool.slice(0, n).map((i) => coords[i]),
    coords[0].length,
  );
}

export function fitMouthModel(d: TrainingData): MouthModel {
  const space = fitMouthSpace(d.shapes);
  const coords = d.shapes.map((s) => project(space, s));
  const dims = space.components.length;
  const { lead, r: leadCorrelation } = measureLead(d);
  const bandCount = d.bands?.[0]?.length ?? 4;
  const phys = priorWeights(bandCount);
  const o = d.openness;
  const silentAt = (i: number) => !!d.silent?.[d.frames[i]];
  const rest = leastOpen(coords, o, silentAt, 0.5);
  const closed = leastOpen(coords, o, (i) => !silentAt(i), 0.1);
  const open = leastOpen(
    coords,
    o.map((v) => -v),
    (i) => !silentAt(i),
    0.15,
  );
  const centre = Float64Array.from({ length: dims }, (_, k) => mean(coords.map((c) => c[k])));
  const spread = Float64Array.from({ length: dims }, (_, k) => std(coords.map((c) => c[k])));
  // How each coordinate moves with openness over the bank: the direction the prior opens along.
  const openSlope = Float64Array.from({ length: dims }, (_, k) => {
    const ck = coords.map((c) => c[k]);
    const so = std(o);
    return so > 0 ? (pearson(ck, o) * std(ck)) / so || 0 : 0;
  });
  let priorGain = 0;
  let weights: Float64Array[];
  let lambda: number[] = [];
  if (d.bands) {
    const rows = d.frames.map((f) => contextRow(d.bands!, f, lead));
    const p = rows.map((r) => r.reduce((s, v, k) => s + v * phys[k], 0));
    const sp = std(p);
    // Gain of the prior on this source, never below a third of "full range follows energy".
    const full = sp > 0 ? std(o) / sp : 0;
    priorGain = Math.max((pearson(o, p) || 0) * full, full / 3);
    const sys = ridgeSystems(rows);
    const fits = Array.from({ length: dims }, (_, k) =>
      ridgeTowardPrior(
        rows,
        sys,
        coords.map((c) => c[k]),
        phys.map((w) => w * priorGain * openSlope[k]),
      ),
    );
    weights = fits.map((f) => f.weights);
    lambda = fits.map((f) => f.lambda);
  } else {
    // No source audio: the prior alone (unit gain); predictMouth scales it to the dub.
    weights = Array.from({ length: dims }, (_, k) => {
      const w = new Float64Array(phys.length + 1);
      phys.forEach((v, i) => (w[i + 1] = v * openSlope[k]));
      return w;
    });
  }
  return {
    space,
    lead,
    weights,
    centre,
    spread,
    rest,
    closed,
    open,
    opennessSpread: std(o),
    fit: { lambda, leadCorrelation, priorGain, trainFrames: d.bands ? d.frames.length : 0 },
  };
}

/**
 * Predicted mouth coordinates for every frame of `bands` (the dub's), stretched around the
 * source's mean so that their spread matches the bank's: regression shrinks toward the mean,
 * and a mouth that never opens fully looks mumbled.
 */
export function predictMouth(model: MouthModel, bands: Float32Array[], silent: Uint8Array): Float32Array[] {
  const dims = model.weights.length;
  const raw = bands.map((_, i) => {
    const row = contextRow(bands, i, model.lead);
    return Float64Array.from(model.weights, (w) => predictRow(w, row));
  });
  const out = raw.map(() => new Float32Array(dims));
  // Without source audio the prior has unit gain: one gain maps the dub's energy spread to the
  // source's openness spread (every coordinate moves along the opening direction together).
  const priorOnly = model.fit.trainFrames === 0;
  const energy = priorOnly ? std(bands.map((_, i) => dot(priorWeights(bands[0].length), contextRow(bands, i, model.lead)))) : 0;
  const gain = priorOnly && energy > 0 ? model.opennessSpread / energy : 1;
  for (let k = 0; k < dims; k++) {
    const col = raw.map((r) => r[k]);
    const m = mean(col);
    const s = std(col);
    const stretch = priorOnly ? gain : s > 0 ? Math.min(MAX_STRETCH, model.spread[k] / s) : 1;
    const base = priorOnly ? model.centre[k] : m;
    raw.forEach((r, i) => (out[i][k] = base + stretch * (r[k] - m)));
  }
  silent.forEach((s, i) => s && i < out.length && out[i].set(model.rest));
  return out;
}

/** The mouth shape (mouthShape() coordinates) at model coordinates. */
export function shapeAt(model: MouthModel, coords: ArrayLike<number>): Float32Array {
  return reconstruct(model.space, coords);
}

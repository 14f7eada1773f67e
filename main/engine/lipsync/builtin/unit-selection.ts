/**
 * Unit selection for the built-in lip-sync ("Video Rewrite" style): every output frame picks
 * one frame of the speaker's own mouth bank. Viterbi over the k best candidates per frame trades
 * audio match against visual continuity, so runs of consecutive source frames are preferred and
 * jumps between distant mouths are penalised.
 */
export interface BankFrame {
  /** Normalised audio features of the source at this frame. */
  audio: Float32Array;
  /** Mouth shape (normalised lip landmarks) — compared across a jump. */
  mouth: Float32Array;
  /** Inner-lip gap / face height. */
  openness: number;
  /** Frame index in the source video: consecutive indices are a natural continuation. */
  sourceIndex: number;
  /** Head pose: a mouth from a frame with another pose pastes badly. */
  pose?: Float32Array;
}

export interface TargetFrame {
  /** Normalised audio features of the dub at this output frame. */
  audio: Float32Array;
  /** No speech here: prefer closed, relaxed mouths. */
  silent: boolean;
  /** Head pose of the frame the mouth will be pasted on. */
  pose?: Float32Array;
}

export interface SelectionWeights {
  k: number;
  audio: number;
  /** Mouth-shape mismatch when jumping to a frame that is not the natural successor. */
  visual: number;
  /** Flat cost of any jump. */
  jump: number;
  /** Cost of holding the same bank frame (a frozen mouth looks dead). */
  hold: number;
  /** Cost per unit of openness during silence. */
  silenceOpen: number;
  /** Head-pose mismatch between the bank frame and the target frame. */
  pose: number;
}

export const DEFAULT_WEIGHTS: SelectionWeights = { k: 24, audio: 1, visual: 4, jump: 0.6, hold: 0.4, silenceOpen: 40, pose: 20 };

function sqDist(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    s += d * d;
  }
  return s;
}

/** Mean squared distance per dimension, so weights do not depend on the feature size. */
function meanSqDist(a: Float32Array, b: Float32Array): number {
  return a.length ? sqDist(a, b) / a.length : 0;
}

function targetCost(t: TargetFrame, b: BankFrame, w: SelectionWeights): number {
  const silence = t.silent ? w.silenceOpen * b.openness : 0;
  const pose = t.pose && b.pose ? w.pose * meanSqDist(t.pose, b.pose) : 0;
  return w.audio * meanSqDist(t.audio, b.audio) + silence + pose;
}

interface Candidates {
  ids: Int32Array;
  costs: Float64Array;
}

/** The k bank frames with the lowest target cost (partial selection, no full sort). */
function nearest(t: TargetFrame, bank: BankFrame[], w: SelectionWeights): Candidates {
  const k = Math.min(w.k, bank.length);
  const ids = new Int32Array(k).fill(-1);
  const costs = new Float64Array(k).fill(Infinity);
  for (let j = 0; j < bank.length; j++) {
    const c = targetCost(t, bank[j], w);
    if (c >= costs[k - 1]) continue;
    let p = k - 1;
    while (p > 0 && costs[p - 1] > c) {
      costs[p] = costs[p - 1];
      ids[p] = ids[p - 1];
      p--;
    }
    costs[p] = c;
    ids[p] = j;
  }
  return { ids, costs };
}

/** Index of each bank frame's natural successor (the next source frame), or -1. */
function successors(bank: BankFrame[]): Int32Array {
  const bySource = new Map<number, number>();
  bank.forEach((b, j) => bySource.set(b.sourceIndex, j));
  return Int32Array.from(bank, (b) => bySource.get(b.sourceIndex + 1) ?? -1);
}

function transitionCost(from: number, to: number, succ: Int32Array, bank: BankFrame[], w: SelectionWeights): number {
  if (succ[from] === to) return 0;
  if (from === to) return w.hold;
  const next = succ[from] >= 0 ? succ[from] : from;
  return w.jump + w.visual * meanSqDist(bank[next].mouth, bank[to].mouth);
}

/** Returns, for each target frame, the index of the chosen bank frame. */
export function selectBankFrames(targets: TargetFrame[], bank: BankFrame[], weights: Partial<SelectionWeights> = {}): Int32Array {
  const w = { ...DEFAULT_WEIGHTS, ...weights };
  if (targets.length === 0) return new Int32Array(0);
  if (bank.length === 0) throw new Error('the mouth bank is empty');
  const succ = successors(bank);
  const cands = targets.map((t) => nearest(t, bank, w));
  const back = cands.map((c) => new Int32Array(c.ids.length));
  let score = Float64Array.from(cands[0].costs);
  for (let t = 1; t < targets.length; t++) {
    const prev = cands[t - 1];
    const cur = cands[t];
    const next = new Float64Array(cur.ids.length);
    for (let c = 0; c < cur.ids.length; c++) {
      let best = Infinity;
      for (let p = 0; p < prev.ids.length; p++) {
        const s = score[p] + transitionCost(prev.ids[p], cur.ids[c], succ, bank, w);
        if (s < best) {
          best = s;
          back[t][c] = p;
        }
      }
      next[c] = best + cur.costs[c];
    }
    score = next;
  }
  return backtrack(cands, back, score);
}

function backtrack(cands: Candidates[], back: Int32Array[], score: Float64Array): Int32Array {
  const path = new Int32Array(cands.length);
  let c = score.indexOf(Math.min(...score));
  for (let t = cands.length - 1; t >= 0; t--) {
    path[t] = cands[t].ids[c];
    c = back[t][c];
  }
  return path;
}

import { bruteForceNearest, CandidateIndex, pointCost, type Neighbours } from './candidate-index';

/**
 * Unit selection for the built-in lip-sync ("Video Rewrite" style): every output frame picks
 * one frame of the speaker's own mouth bank. The target cost matches the mouth predicted from
 * the dub (and, more weakly, the audio itself and the head pose); Viterbi over the candidates
 * trades it against visual continuity, so runs of consecutive source frames are preferred and
 * jumps between distant mouths are penalised.
 *
 * Candidates per frame are the k cheapest bank frames (CandidateIndex: exact, O(log n) per
 * query) plus the natural successors of the previous frame's candidates, so a run can continue
 * even when its next frame is not among the k nearest.
 */
export interface BankFrame {
  /** Mouth coordinates in the speaker's MouthSpace (face heights). */
  mouth: Float32Array;
  /** Normalised audio features of the source at this frame (any fixed length). */
  audio: Float32Array;
  /** Frame index in the source video: consecutive indices are a natural continuation. */
  sourceIndex: number;
  /** The source frame that naturally follows this one (default sourceIndex + 1; past a repeated picture, the one after it). */
  next?: number;
  /** Head pose: a mouth from a frame with another pose pastes badly. */
  pose?: Float32Array;
}

export interface TargetFrame {
  /** The mouth wanted here (MouthSpace coordinates). */
  mouth: Float32Array;
  /** Normalised audio features of the dub at this output frame. */
  audio: Float32Array;
  /** No speech here: the mouth (the rest shape) weighs `silence` times more. */
  silent: boolean;
  /** Head pose of the frame the mouth will be pasted on. */
  pose?: Float32Array;
  /** Extra weight on the mouth here (e.g. a closure the script asks for). */
  mouthWeight?: number;
}

export interface SelectionWeights {
  k: number;
  /** Mouth mismatch, per squared unit of `mouthScale`. */
  mouth: number;
  /** Audio mismatch, per squared unit per dimension. */
  audio: number;
  /** Mouth-shape mismatch when jumping to a frame that is not the natural successor. */
  visual: number;
  /** Flat cost of any jump. */
  jump: number;
  /** Cost of holding the same bank frame (a frozen mouth looks dead). */
  hold: number;
  /** Mouth weight multiplier during silence. */
  silence: number;
  /** Head-pose mismatch (mean squared per dimension) between the bank frame and the target frame. */
  pose: number;
}

/**
 * Tuned on plan-level measures (talk3/talk5 × speech1, speech2, talk1, talk4 audio): a mouth
 * weight of 3 makes the chosen openness follow the predicted one (correlation with the dub's
 * loudness 0.5–0.9); the audio term barely helps across voices, so it only breaks ties.
 */
export const DEFAULT_WEIGHTS: SelectionWeights = { k: 24, mouth: 3, audio: 0.05, visual: 1, jump: 0.6, hold: 0.4, silence: 1, pose: 20 };

/** A jump this many source frames away or more costs the full `jump`; nearer ones share light and pose. */
const NEAR_JUMP = 6;

export interface SelectionOptions {
  weights?: Partial<SelectionWeights>;
  /** Mouth distances are measured in units of this (e.g. the bank's spread along its first component). */
  mouthScale?: number;
  /** 'brute' scans the whole bank per frame: the reference the index is tested against. */
  search?: 'index' | 'brute';
}

/** The bank as one feature matrix: [mouth | audio | pose] per frame, the space the index searches. */
interface Layout {
  mouth: number;
  audio: number;
  pose: number;
  dims: number;
}

function layoutOf(bank: BankFrame[]): Layout {
  const mouth = bank[0].mouth.length;
  const audio = bank[0].audio.length;
  const pose = bank.every((b) => b.pose) ? bank[0].pose!.length : 0;
  return { mouth, audio, pose, dims: mouth + audio + pose };
}

function embed(l: Layout, mouth: Float32Array, audio: Float32Array, pose: Float32Array | undefined, out: Float32Array, at = 0): void {
  out.set(mouth.subarray(0, l.mouth), at);
  out.set(audio.subarray(0, l.audio), at + l.mouth);
  if (l.pose && pose) out.set(pose.subarray(0, l.pose), at + l.mouth + l.audio);
}

/** Per-dimension weights of one target: the whole target cost is Σ w·Δ². */
function targetWeights(l: Layout, t: TargetFrame, w: SelectionWeights, mouthScale: number): Float32Array {
  const out = new Float32Array(l.dims);
  const m = (w.mouth * (t.silent ? w.silence : 1) * (t.mouthWeight ?? 1)) / (mouthScale * mouthScale);
  out.fill(m, 0, l.mouth);
  out.fill(l.audio ? w.audio / l.audio : 0, l.mouth, l.mouth + l.audio);
  if (l.pose && t.pose) out.fill(w.pose / l.pose, l.mouth + l.audio);
  return out;
}

/** Index of each bank frame's natural successor (the next source frame), or -1. */
function successors(bank: BankFrame[]): Int32Array {
  const bySource = new Map<number, number>();
  bank.forEach((b, j) => bySource.set(b.sourceIndex, j));
  return Int32Array.from(bank, (b) => bySource.get(b.next ?? b.sourceIndex + 1) ?? -1);
}

function mouthDistance(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s;
}

interface Context {
  bank: BankFrame[];
  succ: Int32Array;
  w: SelectionWeights;
  scale2: number;
}

function transitionCost(from: number, to: number, c: Context): number {
  if (c.succ[from] === to) return 0;
  if (from === to) return c.w.hold;
  const next = c.succ[from] >= 0 ? c.succ[from] : from;
  const gap = Math.abs(c.bank[to].sourceIndex - c.bank[next].sourceIndex);
  return c.w.jump * Math.min(1, gap / NEAR_JUMP) + (c.w.visual * mouthDistance(c.bank[next].mouth, c.bank[to].mouth)) / c.scale2;
}

/**
 * Adds the natural successors of the `k` best-scoring previous candidates to this frame's k
 * nearest, so the set stays ≤ 2k however long a run lasts.
 */
function withSuccessors(near: Neighbours, prev: Neighbours, score: Float64Array, c: Context, cost: (id: number) => number): Neighbours {
  const ids = Array.from(near.ids);
  const costs = Array.from(near.costs);
  const seen = new Set(ids);
  const ranked = Array.from(prev.ids.keys()).sort((a, b) => score[a] - score[b] || a - b);
  for (const p of ranked.slice(0, c.w.k)) {
    const s = c.succ[prev.ids[p]];
    if (s < 0 || seen.has(s)) continue;
    seen.add(s);
    ids.push(s);
    costs.push(cost(s));
  }
  return { ids: Int32Array.from(ids), costs: Float64Array.from(costs) };
}

/** Returns, for each target frame, the index of the chosen bank frame. */
export function selectBankFrames(targets: TargetFrame[], bank: BankFrame[], o: SelectionOptions = {}): Int32Array {
  const w = { ...DEFAULT_WEIGHTS, ...o.weights };
  if (targets.length === 0) return new Int32Array(0);
  if (bank.length === 0) throw new Error('the mouth bank is empty');
  const l = layoutOf(bank);
  const points = new Float32Array(bank.length * l.dims);
  bank.forEach((b, j) => embed(l, b.mouth, b.audio, b.pose, points, j * l.dims));
  const mouthScale = o.mouthScale ?? 1;
  const c: Context = { bank, succ: successors(bank), w, scale2: mouthScale * mouthScale };
  const typical = targetWeights(
    l,
    { ...targets[0], silent: false, mouthWeight: 1, pose: targets.find((t) => t.pose)?.pose },
    w,
    mouthScale,
  );
  const index = o.search === 'brute' ? undefined : new CandidateIndex(points, l.dims, typical);
  const q = new Float32Array(l.dims);
  const candidates = (t: TargetFrame, prev: Neighbours | undefined, score: Float64Array): Neighbours => {
    embed(l, t.mouth, t.audio, t.pose, q);
    const qw = targetWeights(l, t, w, mouthScale);
    const near = index ? index.nearest(q, qw, w.k) : bruteForceNearest(points, l.dims, q, qw, w.k);
    return prev ? withSuccessors(near, prev, score, c, (id) => pointCost(points, l.dims, id, q, qw)) : near;
  };
  return viterbi(targets, candidates, c);
}

/** Viterbi over candidates produced frame by frame (each frame's set depends on the scores so far). */
function viterbi(
  targets: TargetFrame[],
  candidates: (t: TargetFrame, prev: Neighbours | undefined, score: Float64Array) => Neighbours,
  c: Context,
): Int32Array {
  const cands: Neighbours[] = [candidates(targets[0], undefined, new Float64Array(0))];
  const back: Int32Array[] = [new Int32Array(cands[0].ids.length)];
  let score = Float64Array.from(cands[0].costs);
  for (let t = 1; t < targets.length; t++) {
    const prev = cands[t - 1];
    const cur = candidates(targets[t], prev, score);
    const from = new Int32Array(cur.ids.length);
    const next = new Float64Array(cur.ids.length);
    for (let j = 0; j < cur.ids.length; j++) {
      let best = Infinity;
      for (let p = 0; p < prev.ids.length; p++) {
        const s = score[p] + transitionCost(prev.ids[p], cur.ids[j], c);
        if (s < best) {
          best = s;
          from[j] = p;
        }
      }
      next[j] = best + cur.costs[j];
    }
    cands.push(cur);
    back.push(from);
    score = next;
  }
  const path = new Int32Array(cands.length);
  let j = score.indexOf(Math.min(...score));
  for (let t = cands.length - 1; t >= 0; t--) {
    path[t] = cands[t].ids[j];
    j = back[t][j];
  }
  return path;
}

import { createHash } from 'node:crypto';

/** What a segment asks of the frames it covers. */
export interface SegmentLook {
  /** Seconds on the output timeline. */
  start: number;
  end: number;
  /** Everything that changes its pixels (emotion, intensity, lip-sync on/off), serialised. */
  look: string;
}

export interface ChunkSpec {
  index: number;
  /** Output frames [start, end). */
  start: number;
  end: number;
  /** Content key: same key ⇒ the same pixels, so a finished chunk with this key is reused. */
  key: string;
}

export interface ChunkPlanInput {
  frames: number;
  fps: number;
  /** Target chunk length; borders snap to nearby segment borders. */
  chunkSeconds: number;
  segments: SegmentLook[];
  /** Hash of everything else that decides the pixels: source, engine, models, encode settings. */
  baseKey: string;
}

/** Segment borders (in frames) that a chunk border may snap to. */
function segmentBorders(input: ChunkPlanInput): number[] {
  const borders = new Set<number>();
  for (const s of input.segments) {
    borders.add(Math.round(s.start * input.fps));
    borders.add(Math.round(s.end * input.fps));
  }
  return [...borders].filter((b) => b > 0 && b < input.frames).sort((a, b) => a - b);
}

/** Chunk ends: every chunkSeconds, moved to a segment border within a quarter chunk. */
function chunkEnds(input: ChunkPlanInput): number[] {
  const step = Math.max(1, Math.round(input.chunkSeconds * input.fps));
  const borders = segmentBorders(input);
  const ends: number[] = [];
  let start = 0;
  while (start < input.frames) {
    let end = Math.min(input.frames, start + step);
    const snap = borders.find((b) => b > start + step / 2 && Math.abs(b - end) <= step / 4);
    if (snap !== undefined && end < input.frames) end = snap;
    ends.push(end);
    start = end;
  }
  return ends;
}

/** Emotion easing reaches a few frames past a segment's border, so nearby segments count too. */
const INFLUENCE_SECONDS = 0.5;

function chunkKey(input: ChunkPlanInput, start: number, end: number): string {
  const t0 = start / input.fps - INFLUENCE_SECONDS;
  const t1 = end / input.fps + INFLUENCE_SECONDS;
  // Keyed on what the segments ask for inside the window, not on their revisions: splitting
  // a segment without changing its look leaves the pixels, and so the chunks, as they were.
  const touching = input.segments
    .filter((s) => s.start < t1 && s.end > t0)
    .map((s) => `${Math.max(s.start, t0).toFixed(3)}-${Math.min(s.end, t1).toFixed(3)}:${s.look}`)
    .sort();
  return createHash('sha256')
    .update(`${input.baseKey}|${start}-${end}|${touching.join(',')}`)
    .digest('hex')
    .slice(0, 24);
}

/** Splits an export into chunks whose keys change only when something inside them changed. */
export function planChunks(input: ChunkPlanInput): ChunkSpec[] {
  let start = 0;
  return chunkEnds(input).map((end, index) => {
    const spec = { index, start, end, key: chunkKey(input, start, end) };
    start = end;
    return spec;
  });
}

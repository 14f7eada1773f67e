import { ChunkStream, decodeChunk, type ChunkSource } from './bank-codec';
import { WarmDecoder } from './bank-decoder';

/** Decoded chunks kept in memory, at most (≈ 64 MB of crops; at least 2 chunks). */
const CACHE_BYTES = 64 * 1024 * 1024;
/** How far ahead in the planned decodes a read that was not foreseen looks before decoding on its own. */
const RESYNC = 8;

/** The chunks an LRU of `capacity` would have to decode for these reads, in order (its misses). */
export function plannedDecodes(reads: number[], capacity: number, cached: Iterable<number> = []): number[] {
  const lru = new Set<number>(cached);
  const misses: number[] = [];
  for (const c of reads) {
    if (lru.has(c)) lru.delete(c);
    else misses.push(c);
    lru.add(c);
    if (lru.size > capacity) lru.delete(lru.values().next().value!);
  }
  return misses;
}

/**
 * Decoded chunks of an encoded bank for random reads: a bounded LRU of chunks, filled from one
 * decoder that runs ahead through the chunks the render plan will need (`expect`), in the order
 * this very LRU will miss them. A read the plan did not foresee (another range, a preview seek)
 * costs one decode of its own chunk on a decoder kept running for such reads (bank-decoder.ts):
 * slower, never wrong. Memory: the LRU (CACHE_BYTES) plus one chunk in each decoder.
 */
export class BankChunks {
  readonly capacity: number;
  private readonly lru = new Map<number, Promise<Buffer>>();
  private stream: ChunkStream | undefined;
  private planned: number[] = [];
  private pos = 0;
  /** Serves unforeseen reads; none: each starts a decoder of its own (the old way, kept for benchmarks). */
  private readonly warm: WarmDecoder | undefined;

  constructor(
    chunkBytes: number,
    private readonly source: (chunk: number) => ChunkSource,
    private readonly frameBytes: number,
    opts: { warmDecoder?: boolean; cacheBytes?: number } = {},
  ) {
    this.capacity = Math.max(2, Math.floor((opts.cacheBytes ?? CACHE_BYTES) / chunkBytes));
    this.warm = opts.warmDecoder === false ? undefined : new WarmDecoder(frameBytes);
  }

  /** The chunks the coming reads will touch, in order: a decoder starts on exactly those. */
  expect(reads: number[]): void {
    this.stream?.close();
    this.planned = plannedDecodes(reads, this.capacity, this.lru.keys());
    this.pos = 0;
    this.stream = this.planned.length ? new ChunkStream(this.frameBytes, this.planned.map(this.source)) : undefined;
  }

  /** Unforeseen reads that started a decoder of their own (the warm one off or failed). */
  spawned = 0;

  /** Decoded (or in flight) chunks held now: never more than capacity. */
  get held(): number {
    return this.lru.size;
  }

  /** Chunk c decoded (shared while in flight). */
  get(c: number): Promise<Buffer> {
    let p = this.lru.get(c);
    if (p) this.lru.delete(c);
    else {
      p = this.decode(c);
      p.catch(() => this.lru.get(c) === p && this.lru.delete(c));
    }
    this.lru.set(c, p);
    if (this.lru.size > this.capacity) this.lru.delete(this.lru.keys().next().value!);
    return p;
  }

  private decode(c: number): Promise<Buffer> {
    const ahead = this.planned.slice(this.pos, this.pos + RESYNC).indexOf(c);
    if (!this.stream || ahead < 0) return this.decodeAlone(c);
    // Chunks the plan foresaw but the reads skipped are decoded and dropped: the stream stays in
    // step. All next() calls are made now, so a read that comes in meanwhile cannot take one.
    const stream = this.stream;
    const taken = Array.from({ length: ahead + 1 }, () => stream.next());
    taken.forEach((p) => p.catch(() => undefined));
    this.pos += ahead + 1;
    // A decoder that failed or stopped costs speed, not the read.
    return taken[ahead].catch(() => decodeChunk(this.frameBytes, this.source(c)));
  }

  /** A chunk outside the plan: on the warm decoder; should that fail, on a decoder of its own. */
  private decodeAlone(c: number): Promise<Buffer> {
    const alone = () => (this.spawned++, decodeChunk(this.frameBytes, this.source(c)));
    return this.warm ? this.warm.decode(this.source(c)).catch(alone) : alone();
  }

  close(): void {
    this.warm?.close();
    this.stream?.close();
    this.stream = undefined;
    this.lru.clear();
  }
}

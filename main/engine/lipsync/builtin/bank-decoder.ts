import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawnFfmpeg } from '../../media/ffmpeg';
import { DECODER_ARGS, type ChunkSource } from './bank-codec';

/**
 * Frames ffmpeg (5.x, raw H.264 from a pipe) holds back until more input arrives: its parser
 * ends a frame only at the next one's start, and one more waits between demuxer and decoder.
 * Measured: 2. Each chunk is followed by PAD copies of its own first access unit (SPS, PPS, IDR:
 * decodes on its own, same size), whose pictures are read and dropped, so every frame of the
 * chunk comes out while the decoder waits for the next request. One spare for other versions.
 */
const PAD = 3;
/** A request not answered in this time (a decoder holding more frames than PAD) falls back to a decoder of its own. */
const STALL_MS = 4000;
/** An idle decoder is ended after this long (a paused editor holds no ffmpeg). */
const IDLE_MS = 20_000;

/** The chunk's first access unit: from its start to the first non-IDR slice (NAL type 1). */
export function firstAccessUnit(chunk: Buffer): Buffer {
  for (let i = chunk.indexOf(1, 2); i >= 0 && i + 1 < chunk.length; i = chunk.indexOf(1, i + 1)) {
    if (chunk[i - 1] === 0 && chunk[i - 2] === 0 && (chunk[i + 1] & 0x1f) === 1)
      return chunk.subarray(0, i - 2 - (chunk[i - 3] === 0 ? 1 : 0));
  }
  return chunk;
}

interface Pending {
  frames: number;
  out: Buffer;
  filled: number;
  /** Padding pictures still to drop after the chunk's own. */
  drop: number;
  resolve: (b: Buffer) => void;
  reject: (e: Error) => void;
}

/**
 * One long-lived decoder for reads the render plan did not announce (a paused or scrubbing
 * preview): chunks go in on request, one at a time, and their frames come out without closing
 * the input, so a read costs one chunk's decode (~20–60 ms) instead of an ffmpeg start as well
 * (~100–500 ms on a loaded machine). It holds one chunk's frames at most. Any failure (or a
 * stall) ends this decoder; the caller then decodes on its own and the next read starts afresh.
 */
export class WarmDecoder {
  private proc: ChildProcessWithoutNullStreams | undefined;
  private queue: Pending[] = [];
  private idle: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly frameBytes: number) {}

  /** Chunk `chunk` decoded (frames × frameBytes, RGB24); requests are served in call order. */
  decode(chunk: ChunkSource): Promise<Buffer> {
    const p = this.chain.then(() => this.one(chunk));
    this.chain = p.catch(() => undefined);
    return p;
  }

  private async one(chunk: ChunkSource): Promise<Buffer> {
    clearTimeout(this.idle);
    const data = await chunk.read();
    const proc = this.process();
    const done = new Promise<Buffer>((resolve, reject) => {
      this.queue.push({
        frames: chunk.frames,
        out: Buffer.allocUnsafe(chunk.frames * this.frameBytes),
        filled: 0,
        drop: PAD,
        resolve,
        reject,
      });
    });
    const pad = firstAccessUnit(data);
    proc.stdin.write(Buffer.concat([data, ...Array<Buffer>(PAD).fill(pad)]));
    const stall = setTimeout(() => this.fail(new Error('bank-decoder.ts: the mouth bank decoder stalled')), STALL_MS);
    try {
      return await done;
    } finally {
      clearTimeout(stall);
      this.idle = setTimeout(() => this.close(), IDLE_MS);
      this.idle.unref();
    }
  }

  private process(): ChildProcessWithoutNullStreams {
    if (this.proc) return this.proc;
    const proc = spawnFfmpeg(DECODER_ARGS);
    this.proc = proc;
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()).length > 4096 && (stderr = stderr.slice(-2048)));
    proc.stdin.on('error', () => undefined);
    proc.on('error', (e) => this.proc === proc && this.fail(e));
    proc.on(
      'close',
      (code) =>
        this.proc === proc &&
        this.fail(new Error(`bank-decoder.ts: mouth bank decoder exited (${code}) ${stderr.trim().split('\n').pop() ?? ''}`)),
    );
    proc.stdout.on('data', (d: Buffer) => this.proc === proc && this.onData(d));
    return proc;
  }

  private onData(d: Buffer): void {
    for (let at = 0; at < d.length;) {
      const p = this.queue[0];
      if (!p) return this.fail(new Error('bank-decoder.ts: the mouth bank decoder gave frames nobody asked for'));
      if (p.filled < p.out.length) {
        const n = Math.min(p.out.length - p.filled, d.length - at);
        d.copy(p.out, p.filled, at, at + n);
        p.filled += n;
        at += n;
        if (p.filled === p.out.length) p.resolve(p.out);
      } else {
        // A padding picture: skipped byte by byte across data events.
        const left = p.drop * this.frameBytes - (p.filled - p.out.length);
        const n = Math.min(left, d.length - at);
        p.filled += n;
        at += n;
        if (n === left) this.queue.shift();
      }
    }
  }

  private fail(e: Error): void {
    const proc = this.proc;
    this.proc = undefined;
    proc?.kill('SIGKILL');
    for (const p of this.queue.splice(0)) p.reject(e);
  }

  close(): void {
    clearTimeout(this.idle);
    this.fail(new Error('bank-decoder.ts: mouth bank decoder closed'));
  }
}

import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { lastErrorLine, spawnFfmpeg } from '../../media/ffmpeg';

/**
 * The mouth bank's picture codec: aligned lower-face crops as H.264 4:4:4 (crf 12, no chroma
 * subsampling: lips are red-on-skin detail) in closed chunks of CHUNK_FRAMES frames, each with
 * its own SPS/PPS and an IDR frame, so any chunk decodes on its own and chunks can follow each
 * other in any order through one decoder. x264 veryfast: 4× quicker to build than medium and
 * no bigger. Measured on talk2 (676×384 crops, 760 KB raw): 10.9 KB a frame at PSNR 46.1 dB
 * (worst frame 45.4) against the raw crops (README.md).
 *
 * Chunks are found in the encoder's Annex-B output by their SPS (NAL type 7): x264 repeats the
 * headers before every IDR (repeat-headers) and places an IDR exactly every CHUNK_FRAMES frames
 * (fixed keyint, no scene cuts, no B-frames). A fixed thread count keeps the bytes reproducible,
 * so a bank rebuilt after eviction holds the same frames.
 */
export const CHUNK_FRAMES = 8;
export const BANK_CRF = 12;

export interface ChunkSpan {
  /** Byte offset in the stream and length. */
  offset: number;
  length: number;
}

function encoderArgs(width: number, height: number): string[] {
  const rawIn = ['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-r', '25', '-i', 'pipe:0'];
  const x264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(BANK_CRF), '-pix_fmt', 'yuv444p'];
  const gop = ['-g', String(CHUNK_FRAMES), '-keyint_min', String(CHUNK_FRAMES), '-bf', '0', '-threads', '2'];
  return [...rawIn, ...x264, ...gop, '-x264-params', 'scenecut=0:repeat-headers=1:open-gop=0', '-f', 'h264', 'pipe:1'];
}

/** Finds SPS start codes (00 00 01 then NAL type 7) across the pieces of a stream. */
class SpsScanner {
  readonly starts: number[] = [];
  private pos = 0;
  private tail: Buffer = Buffer.alloc(0);

  push(data: Buffer): void {
    const buf = this.tail.length ? Buffer.concat([this.tail, data]) : data;
    const base = this.pos - this.tail.length;
    for (let i = buf.indexOf(1, 2); i >= 0 && i + 1 < buf.length; i = buf.indexOf(1, i + 1)) {
      if (buf[i - 1] === 0 && buf[i - 2] === 0 && (buf[i + 1] & 0x1f) === 7) this.starts.push(base + i - 2);
    }
    this.pos += data.length;
    this.tail = buf.subarray(Math.max(0, buf.length - 3));
  }

  spans(total: number): ChunkSpan[] {
    return this.starts.map((s, k) => ({ offset: s, length: (this.starts[k + 1] ?? total) - s }));
  }
}

/** ffmpeg's exit as a promise that rejects with its last error line. */
function exitOf(proc: ChildProcessWithoutNullStreams, what: string): Promise<void> {
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<void>((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`bank-codec.ts: ${what} failed (${lastErrorLine(stderr)})`))));
  });
  done.catch(() => undefined);
  return done;
}

/**
 * One encoder process: feed crops in order with `write`, then `finish` for the chunk table.
 * `sink` receives the encoded bytes as they come (appended to the bank file), in order.
 */
export class BankEncoder {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly scanner = new SpsScanner();
  private bytes = 0;
  private frames = 0;
  private readonly done: Promise<void>;
  private writes: Promise<void> = Promise.resolve();

  constructor(width: number, height: number, sink: (data: Buffer) => Promise<void>) {
    this.proc = spawnFfmpeg(encoderArgs(width, height));
    this.done = exitOf(this.proc, 'mouth bank encoder');
    this.proc.stdin.on('error', () => undefined);
    this.proc.stdout.on('data', (d: Buffer) => {
      this.scanner.push(d);
      this.bytes += d.length;
      // File writes in order; back-pressure: the encoder's output pauses while one is pending.
      this.proc.stdout.pause();
      this.writes = this.writes.then(() => sink(d)).finally(() => this.proc.stdout.resume());
    });
  }

  async write(rgb: Uint8Array): Promise<void> {
    this.frames++;
    if (!this.proc.stdin.write(rgb)) await Promise.race([new Promise((r) => this.proc.stdin.once('drain', r)), this.done]);
  }

  async finish(): Promise<ChunkSpan[]> {
    this.proc.stdin.end();
    await this.done;
    await this.writes;
    const spans = this.scanner.spans(this.bytes);
    const expected = Math.ceil(this.frames / CHUNK_FRAMES);
    if (spans.length !== expected)
      throw new Error(`bank-codec.ts: encoder made ${spans.length} chunks for ${this.frames} frames (want ${expected})`);
    return spans;
  }

  abort(): void {
    this.proc.kill('SIGKILL');
  }
}

/** A small probe: the first chunk is enough to start, and nothing waits for megabytes of input. */
export const DECODER_ARGS = [
  ...['-probesize', '32', '-analyzeduration', '0', '-fpsprobesize', '0', '-threads', '1', '-flags', 'low_delay'],
  ...['-f', 'h264', '-i', 'pipe:0', '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
];

/** A chunk to decode: its bytes (read when the decoder gets to it) and its frame count. */
export interface ChunkSource {
  frames: number;
  read(): Promise<Buffer>;
}

/** Decoded chunks kept ready ahead of the reader: enough to hide a decoder's hiccup, few enough to bound memory. */
const READY_AHEAD = 2;

/**
 * One decoder fed a known sequence of chunks (closed, so any order is valid H.264): `next()`
 * gives the decoded frames of each in turn. Input is written as the decoder takes it and its
 * output paused while READY_AHEAD chunks wait, so memory stays bounded however long the list.
 */
export class ChunkStream {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly done: Promise<void>;
  private readonly ready: Buffer[] = [];
  private current: Buffer | undefined;
  private filled = 0;
  private produced = 0;
  private consumed = 0;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  /** next() calls are served one after the other, in call order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly frameBytes: number,
    private readonly chunks: ChunkSource[],
  ) {
    this.proc = spawnFfmpeg(DECODER_ARGS);
    this.done = exitOf(this.proc, 'mouth bank decoder');
    this.done.then(
      () => this.stop(this.produced < chunks.length ? new Error('bank-codec.ts: mouth bank decoder ended early') : undefined),
      (e: Error) => this.stop(e),
    );
    this.proc.stdin.on('error', () => undefined);
    this.proc.stdout.on('data', (d: Buffer) => this.onData(d));
    void this.feed().catch((e: Error) => this.stop(e));
  }

  private async feed(): Promise<void> {
    for (const c of this.chunks) {
      const data = await c.read();
      if (this.failure) return;
      if (!this.proc.stdin.write(data)) await Promise.race([new Promise((r) => this.proc.stdin.once('drain', r)), this.done]);
    }
    this.proc.stdin.end();
  }

  private onData(d: Buffer): void {
    for (let at = 0; at < d.length && this.produced < this.chunks.length;) {
      this.current ??= Buffer.allocUnsafe(this.chunks[this.produced].frames * this.frameBytes);
      const n = Math.min(this.current.length - this.filled, d.length - at);
      d.copy(this.current, this.filled, at, at + n);
      this.filled += n;
      at += n;
      if (this.filled === this.current.length) {
        this.ready.push(this.current);
        this.current = undefined;
        this.filled = 0;
        this.produced++;
      }
    }
    if (this.ready.length >= READY_AHEAD) this.proc.stdout.pause();
    this.wake?.();
  }

  /** The next chunk of the sequence, decoded (frames × frameBytes, RGB24). */
  next(): Promise<Buffer> {
    const p = this.queue.then(() => this.take());
    this.queue = p.catch(() => undefined);
    return p;
  }

  private async take(): Promise<Buffer> {
    if (this.consumed >= this.chunks.length) throw new Error('bank-codec.ts: read past the planned chunks');
    while (!this.ready.length && !this.failure) await new Promise<void>((r) => (this.wake = r));
    const chunk = this.ready.shift();
    if (!chunk) throw this.failure!;
    this.consumed++;
    this.proc.stdout.resume();
    return chunk;
  }

  private stop(e: Error | undefined): void {
    if (e) this.failure ??= e;
    else this.failure ??= new Error('bank-codec.ts: mouth bank decoder finished');
    this.wake?.();
  }

  close(): void {
    this.failure ??= new Error('bank-codec.ts: mouth bank decoder closed');
    this.proc.kill('SIGKILL');
    this.wake?.();
  }
}

/** Decodes one chunk with a decoder of its own (a read the plan did not foresee). */
export function decodeChunk(frameBytes: number, chunk: ChunkSource): Promise<Buffer> {
  const stream = new ChunkStream(frameBytes, [chunk]);
  return stream.next().finally(() => stream.close());
}

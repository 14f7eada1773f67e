import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { RedubError } from '../errors';
import { frameBytes, type PixelFormat, type VideoFrame } from '../pipeline/frame';
import { compileAudioMix, type AudioMix } from './audio-mix';
import { encoderArgs, type EncodeSettings } from './encoders';
import { lastErrorLine, spawnFfmpeg, toolPath } from './ffmpeg';
import { partialPath } from './partials';

export interface FrameWriterOptions {
  out: string;
  width: number;
  height: number;
  /** Frame rate as ffmpeg reads it: "25", "30000/1001". */
  fps: string;
  encode: EncodeSettings;
  audio?: AudioMix;
  /** Layout of the frames written (default rgb24). */
  pixelFormat?: PixelFormat;
}

function writerArgs(o: FrameWriterOptions, tmp: string): string[] {
  const args = ['-f', 'rawvideo', '-pix_fmt', o.pixelFormat ?? 'rgb24', '-s', `${o.width}x${o.height}`, '-r', o.fps, '-i', 'pipe:0'];
  const maps = ['-map', '0:v:0'];
  let filter: string[] = [];
  if (o.audio) {
    const compiled = compileAudioMix(o.audio, 1);
    for (const input of compiled.inputs) args.push('-i', input);
    filter = ['-filter_complex', compiled.filter];
    maps.push('-map', `[${compiled.label}]`);
  }
  // 4:2:0 encoders need even sizes: an odd frame gets one padding row/column (edge, not black).
  const even = o.width % 2 || o.height % 2 ? ['-vf', 'pad=ceil(iw/2)*2:ceil(ih/2)*2,fillborders=right=1:bottom=1:mode=smear'] : [];
  return [...args, ...filter, ...maps, ...even, ...encoderArgs(o.encode, o.out), '-y', toolPath(tmp)];
}

export function explainWriteFailure(stderr: string, out: string): RedubError {
  if (/No space left on device/i.test(stderr)) {
    return new RedubError('DISK_FULL', 'the disk is full: free some space and run the export again', out);
  }
  return new RedubError('FFMPEG_FAILED', `encoding failed (${lastErrorLine(stderr)})`, out);
}

/**
 * Encodes raw RGB frames (plus the audio mix) into `out`. Output goes to a temp file that is
 * renamed on success, so a crash or an error never leaves a broken file at the output path.
 */
export class FrameWriter {
  private readonly proc;
  private readonly tmp: string;
  private readonly exited: Promise<number>;
  private stderr = '';
  private broken = false;
  readonly frameSize: number;
  written = 0;

  constructor(private readonly o: FrameWriterOptions) {
    this.tmp = partialPath(o.out);
    this.frameSize = frameBytes(o.width, o.height, o.pixelFormat);
    this.proc = spawnFfmpeg(writerArgs(o, this.tmp));
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.proc.stdin.on('error', () => (this.broken = true));
    this.exited = new Promise((resolve) => this.proc.on('close', (code) => resolve(code ?? -1)));
  }

  async write(frame: VideoFrame): Promise<void> {
    if (frame.data.length !== this.frameSize) {
      throw new RedubError('INVALID_ARGUMENT', `frame ${frame.index} has ${frame.data.length} bytes, expected ${this.frameSize}`);
    }
    if (this.broken) throw await this.failure();
    // Backpressure: wait for the encoder instead of queueing frames in memory.
    if (!this.proc.stdin.write(frame.data)) {
      await Promise.race([once(this.proc.stdin, 'drain'), this.exited]);
    }
    if (this.broken || this.proc.exitCode !== null) throw await this.failure();
    this.written++;
  }

  /** Closes the stream, waits for the encoder and moves the result into place. */
  async finish(): Promise<void> {
    this.proc.stdin.end();
    const code = await this.exited;
    if (code !== 0) throw await this.failure();
    await rename(this.tmp, this.o.out);
  }

  /** Stops encoding and removes the temp file. */
  async abort(): Promise<void> {
    this.proc.stdin.destroy();
    this.proc.kill('SIGKILL');
    await this.exited;
    await rm(this.tmp, { force: true });
  }

  private async failure(): Promise<RedubError> {
    await this.exited;
    await rm(this.tmp, { force: true });
    return explainWriteFailure(this.stderr, this.o.out);
  }
}

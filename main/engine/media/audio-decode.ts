import { RedubError } from '../errors';
import { lastErrorLine, spawnFfmpeg, toolPath } from './ffmpeg';

export interface DecodeAudioOptions {
  sampleRate: number;
  /** 1 = mono downmix (analysis), 2 = stereo. */
  channels?: 1 | 2;
  start?: number;
  duration?: number;
  streamIndex?: number;
  /** An input without audio gives no samples instead of an error (saves probing it first). */
  optional?: boolean;
}

/**
 * Decodes any input's audio to interleaved float PCM at the chosen rate.
 * Meant for analysis windows (features, waveforms); whole-track mixing goes through AudioMix.
 */
export async function decodeAudio(path: string, o: DecodeAudioOptions): Promise<Float32Array> {
  const args: string[] = [];
  if (o.start) args.push('-ss', o.start.toFixed(6));
  if (o.duration !== undefined) args.push('-t', o.duration.toFixed(6));
  args.push('-i', toolPath(path), '-map', o.streamIndex === undefined ? '0:a:0' : `0:${o.streamIndex}`, '-vn');
  args.push('-ac', String(o.channels ?? 1), '-ar', String(o.sampleRate), '-f', 'f32le', 'pipe:1');
  const proc = spawnFfmpeg(args);
  const chunks: Buffer[] = [];
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => chunks.push(d));
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => proc.on('close', (c) => resolve(c ?? -1)));
  const noStream = /matches no streams/.test(stderr);
  if (code !== 0 && noStream && o.optional) return new Float32Array(0);
  if (code !== 0) {
    const why = noStream ? 'has no audio stream' : `cannot decode audio (${lastErrorLine(stderr)})`;
    throw new RedubError('MEDIA_UNREADABLE', why, path);
  }
  const buf = Buffer.concat(chunks);
  // Copy into an aligned buffer: Buffer.concat may return a view at an odd offset.
  const out = new Float32Array(buf.length >> 2);
  new Uint8Array(out.buffer).set(buf.subarray(0, out.length * 4));
  return out;
}

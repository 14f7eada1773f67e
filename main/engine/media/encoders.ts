import { basename, extname } from 'node:path';
import { RedubError } from '../errors';

export type VideoCodec = 'h264' | 'h265' | 'vp9';
export const CONTAINERS = ['mp4', 'mov', 'webm', 'mkv'] as const;
export type Container = (typeof CONTAINERS)[number];

export interface EncodeSettings {
  codec: VideoCodec;
  /** A hardware encoder name reported by `ffmpeg -encoders` (e.g. h264_nvenc); overrides the software one. */
  hardwareEncoder?: string;
  /** Constant rate factor; lower is better. Defaults are visually lossless for talking heads. */
  crf?: number;
  preset?: string;
  audioBitrate?: string;
}

export const DEFAULT_ENCODE: EncodeSettings = { codec: 'h264', crf: 16, preset: 'medium' };

const SOFTWARE: Record<VideoCodec, { encoder: string; crf: number; preset?: string }> = {
  h264: { encoder: 'libx264', crf: 16, preset: 'medium' },
  h265: { encoder: 'libx265', crf: 20, preset: 'medium' },
  vp9: { encoder: 'libvpx-vp9', crf: 30 },
};

/** The container named by the file's extension (of the file name: "my.films/out" has none). */
export function containerOf(path: string): Container {
  const ext = extname(basename(path)).slice(1).toLowerCase();
  if ((CONTAINERS as readonly string[]).includes(ext)) return ext as Container;
  const what = ext ? `unsupported output format ".${ext}"` : 'no file extension';
  throw new RedubError('INVALID_ARGUMENT', `${what} (use .mp4, .mov, .webm or .mkv)`, path);
}

function checkCompatible(codec: VideoCodec, container: Container, path: string): void {
  if (container === 'webm' && codec !== 'vp9') {
    throw new RedubError('INVALID_ARGUMENT', `a .webm output needs --codec vp9 (got ${codec})`, path);
  }
  if (container !== 'webm' && container !== 'mkv' && codec === 'vp9') {
    throw new RedubError('INVALID_ARGUMENT', 'vp9 goes into .webm or .mkv outputs', path);
  }
}

/** ffmpeg arguments for the video encoder alone. */
export function videoEncoderArgs(settings: EncodeSettings, outPath: string): string[] {
  const container = containerOf(outPath);
  checkCompatible(settings.codec, container, outPath);
  const sw = SOFTWARE[settings.codec];
  const args = ['-c:v', settings.hardwareEncoder ?? sw.encoder];
  if (!settings.hardwareEncoder) {
    args.push('-crf', String(settings.crf ?? sw.crf));
    if (settings.codec === 'vp9') args.push('-b:v', '0', '-row-mt', '1', '-deadline', 'good', '-cpu-used', '4');
    else args.push('-preset', settings.preset ?? sw.preset!);
  }
  if (settings.codec === 'h265' && container !== 'mkv') args.push('-tag:v', 'hvc1');
  args.push('-pix_fmt', 'yuv420p');
  return args;
}

/** ffmpeg arguments for the audio encoder and the container. */
export function audioAndContainerArgs(settings: EncodeSettings, outPath: string): string[] {
  const container = containerOf(outPath);
  const audioCodec = container === 'webm' ? 'libopus' : 'aac';
  const args = ['-c:a', audioCodec, '-b:a', settings.audioBitrate ?? '192k'];
  if (container === 'mp4' || container === 'mov') args.push('-movflags', '+faststart');
  return args;
}

/** ffmpeg output arguments for video and audio encoding. */
export function encoderArgs(settings: EncodeSettings, outPath: string): string[] {
  return [...videoEncoderArgs(settings, outPath), ...audioAndContainerArgs(settings, outPath)];
}

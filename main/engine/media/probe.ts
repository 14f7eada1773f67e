import { access, stat } from 'node:fs/promises';
import { RedubError } from '../errors';
import { ffmpegTools, lastErrorLine, runTool, toolPath } from './ffmpeg';

export interface AudioStreamInfo {
  index: number;
  codec: string;
  sampleRate: number;
  channels: number;
  language?: string;
}

export interface VideoStreamInfo {
  index: number;
  codec: string;
  /** Coded size, before rotation. */
  codedWidth: number;
  codedHeight: number;
  /** Size of the frames the reader yields (rotation applied). */
  width: number;
  height: number;
  /** Rotation in degrees from the display matrix / tags (0, 90, 180, 270). */
  rotation: number;
  /** Frames per second the reader yields (nominal rate; average rate for variable streams). */
  fps: number;
  fpsRational: string;
  variableFrameRate: boolean;
  pixelFormat: string;
  frameCount: number;
}

export interface MediaInfo {
  path: string;
  format: string;
  duration: number;
  sizeBytes: number;
  video?: VideoStreamInfo;
  audio: AudioStreamInfo[];
}

function parseRational(r: string | undefined): number {
  if (!r) return 0;
  const [n, d] = r.split('/').map(Number);
  return d ? n / d : n || 0;
}

function rotationOf(stream: FfStream): number {
  const fromMatrix = stream.side_data_list?.find((s) => s.rotation !== undefined)?.rotation;
  const raw = fromMatrix ?? Number(stream.tags?.rotate ?? 0);
  // Display-matrix rotation is counter-clockwise; normalise to 0..359 clockwise.
  const deg = fromMatrix !== undefined ? -raw : raw;
  return (((Math.round(deg / 90) * 90) % 360) + 360) % 360;
}

interface FfStream {
  index: number;
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  nb_frames?: string;
  duration?: string;
  sample_rate?: string;
  channels?: number;
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number }[];
  disposition?: { attached_pic?: number };
}

function videoInfo(s: FfStream, duration: number): VideoStreamInfo {
  const rotation = rotationOf(s);
  const rFps = parseRational(s.r_frame_rate);
  const avgFps = parseRational(s.avg_frame_rate);
  // r_frame_rate is the least common timebase rate; a differing average means timestamps vary.
  const variable = avgFps > 0 && rFps > 0 && Math.abs(rFps - avgFps) / rFps > 0.01;
  const fps = variable ? avgFps : rFps || avgFps;
  const fpsRational = variable ? s.avg_frame_rate! : (s.r_frame_rate ?? s.avg_frame_rate!);
  const swap = rotation === 90 || rotation === 270;
  const w = s.width ?? 0;
  const h = s.height ?? 0;
  const streamDuration = Number(s.duration) || duration;
  return {
    index: s.index,
    codec: s.codec_name,
    codedWidth: w,
    codedHeight: h,
    width: swap ? h : w,
    height: swap ? w : h,
    rotation,
    fps,
    fpsRational,
    variableFrameRate: variable,
    pixelFormat: s.pix_fmt ?? 'unknown',
    frameCount: variable || !s.nb_frames ? Math.round(streamDuration * fps) : Number(s.nb_frames),
  };
}

async function ensureReadable(path: string): Promise<number> {
  try {
    await access(path);
    const st = await stat(path);
    if (!st.isFile()) throw new RedubError('MEDIA_UNREADABLE', 'is not a file', path);
    if (st.size === 0) throw new RedubError('MEDIA_UNREADABLE', 'file is empty', path);
    return st.size;
  } catch (e) {
    if (e instanceof RedubError) throw e;
    throw new RedubError('FILE_NOT_FOUND', 'file not found', path);
  }
}

/**
 * ffprobe's most telling line, without what the message already says: the "[mov,mp4 @ 0x…]"
 * prefix and the file's own path (RedubError puts that at the front once).
 */
function probeComplaint(stderr: string, path: string, telling: RegExp): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const line = lines.find((l) => telling.test(l)) ?? lastErrorLine(stderr);
  return line.replace(/^\[[^\]]* @ 0x[0-9a-f]+\]\s*/, '').replace(`${path}: `, '');
}

function explainProbeFailure(stderr: string, path: string): string {
  const truncated = /moov atom not found|Invalid data found|truncat|End of file/i;
  if (truncated.test(stderr)) {
    return `cannot read media: the file is truncated or corrupt (${probeComplaint(stderr, path, truncated)})`;
  }
  return `cannot read media (${probeComplaint(stderr, path, /./)})`;
}

/** Reads container and stream facts with ffprobe. Throws a one-line RedubError on unreadable input. */
export async function probeMedia(path: string): Promise<MediaInfo> {
  const sizeBytes = await ensureReadable(path);
  const { ffprobe } = ffmpegTools();
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-i', toolPath(path)];
  const r = await runTool(ffprobe, args);
  if (r.code !== 0) throw new RedubError('MEDIA_UNREADABLE', explainProbeFailure(r.stderr, path), path);
  const json = JSON.parse(r.stdout.toString()) as { format?: Record<string, string>; streams?: FfStream[] };
  const streams = json.streams ?? [];
  const duration = Number(json.format?.duration ?? 0);
  const v = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audio = streams
    .filter((s) => s.codec_type === 'audio')
    .map((s) => ({
      index: s.index,
      codec: s.codec_name,
      sampleRate: Number(s.sample_rate ?? 0),
      channels: s.channels ?? 0,
      language: s.tags?.language,
    }));
  if (!v && audio.length === 0) {
    throw new RedubError('MEDIA_UNREADABLE', 'cannot read media: no audio or video stream found', path);
  }
  return {
    path,
    format: json.format?.format_name ?? 'unknown',
    duration,
    sizeBytes,
    video: v ? videoInfo(v, duration) : undefined,
    audio,
  };
}

/** Probes and insists on a video stream. */
export async function probeVideo(path: string): Promise<MediaInfo & { video: VideoStreamInfo }> {
  const info = await probeMedia(path);
  if (!info.video) throw new RedubError('NO_VIDEO_STREAM', 'has no video stream (expected a video file)', path);
  if (!(info.video.fps > 0)) throw new RedubError('MEDIA_UNREADABLE', 'video stream has no usable frame rate', path);
  return info as MediaInfo & { video: VideoStreamInfo };
}

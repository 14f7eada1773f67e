import { access, constants, open, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { RedubError } from '../errors';
import { containerOf } from './encoders';
import { ffmpegTools, runTool, toolPath } from './ffmpeg';
import { probeMedia, type MediaInfo, type VideoStreamInfo } from './probe';

/**
 * One check per kind of input, shared by `dub`, `project create`, export and the editor, so a
 * file is judged the same everywhere and refused before any work starts. Every refusal is one
 * RedubError line naming the file: "FILE: is a still image (png), not a video".
 */
export type ValidatedVideo = MediaInfo & { video: VideoStreamInfo };

/** Bytes looked at to tell a text file (subtitles, a playlist, a note) from media. */
const SNIFF_BYTES = 512;

async function statOrThrow(path: string): Promise<number> {
  const st = await stat(path).catch(() => undefined);
  if (!st) throw new RedubError('FILE_NOT_FOUND', 'file not found', path);
  if (st.isDirectory()) throw new RedubError('MEDIA_UNREADABLE', 'is a folder, not a file', path);
  if (!st.isFile()) throw new RedubError('MEDIA_UNREADABLE', 'is not a regular file', path);
  if (st.size === 0) throw new RedubError('MEDIA_UNREADABLE', 'file is empty (0 bytes)', path);
  return st.size;
}

/**
 * Media files have NUL bytes or binary headers within their first bytes; a text file has none.
 * Refusing text also keeps ffmpeg away from playlists (m3u8, ffconcat) that name other files.
 */
async function looksLikeText(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.includes(0)) return false;
    const text = head.toString('utf8');
    // U+FFFD: bytes that are not UTF-8 (allowing one cut-off character at the end).
    const invalid = (text.match(/\uFFFD/g) ?? []).length;
    // Control bytes other than tab, newline, form feed and carriage return mean binary.
    const control = head.some((b) => (b < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d].includes(b)) || b === 0x7f);
    return invalid <= 1 && !control;
  } finally {
    await fh.close();
  }
}

/** Demuxers that read one picture: "png_pipe", "jpeg_pipe", "image2", … */
function isImageFormat(info: MediaInfo): boolean {
  return info.format === 'image2' || info.format.endsWith('_pipe');
}

async function probeChecked(path: string, expected: 'a video' | 'audio'): Promise<MediaInfo> {
  await statOrThrow(path);
  if (await looksLikeText(path)) throw new RedubError('MEDIA_UNREADABLE', `is a text file, not ${expected}`, path);
  const info = await probeMedia(path);
  if (isImageFormat(info)) {
    const codec = info.video?.codec ?? info.format.replace(/_pipe$/, '');
    throw new RedubError('MEDIA_UNREADABLE', `is a still image (${codec}), not ${expected}`, path);
  }
  return info;
}

/** Decodes a few tiny frames near the end: a file cut short behind an intact index fails here. */
async function lastFramesDecode(path: string, v: VideoStreamInfo): Promise<boolean> {
  const end = v.frameCount / v.fps;
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-ss', Math.max(0, end - 0.5).toFixed(3), '-i', toolPath(path)];
  args.push('-map', `0:${v.index}`, '-frames:v', '1', '-vf', 'scale=8:8', '-pix_fmt', 'gray', '-f', 'rawvideo', 'pipe:1');
  const r = await runTool(ffmpegTools().ffmpeg, args);
  return r.code === 0 && r.stdout.length > 0;
}

/** A file `dub`, `project create` and the editor accept as the source video; its probe otherwise. */
export async function validateVideoInput(file: string): Promise<ValidatedVideo> {
  const path = resolve(file);
  const info = await probeChecked(path, 'a video');
  const v = info.video;
  if (!v) {
    const what = info.audio.length ? 'it is audio only' : 'expected a video file';
    throw new RedubError('NO_VIDEO_STREAM', `has no video stream (${what})`, path);
  }
  if (!(v.fps > 0)) throw new RedubError('MEDIA_UNREADABLE', 'video stream has no usable frame rate', path);
  if (v.frameCount < 2) {
    throw new RedubError('MEDIA_UNREADABLE', `has ${v.frameCount === 1 ? 'a single frame' : 'no frames'}: not a video`, path);
  }
  if (!(await lastFramesDecode(path, v))) {
    throw new RedubError('MEDIA_UNREADABLE', 'video ends early: its last frames cannot be decoded (file truncated or corrupt?)', path);
  }
  return info as ValidatedVideo;
}

/** Decodes the first quarter second of sound: a header with no samples behind it yields nothing. */
async function hasSamples(path: string, streamIndex: number): Promise<boolean> {
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', toolPath(path), '-map', `0:${streamIndex}`, '-t', '0.25'];
  args.push('-ac', '1', '-ar', '8000', '-f', 's16le', 'pipe:1');
  const r = await runTool(ffmpegTools().ffmpeg, args);
  return r.code === 0 && r.stdout.length > 0;
}

/** A file accepted as a dub (any container with an audio stream that has sound); its probe otherwise. */
export async function validateDubInput(file: string): Promise<MediaInfo> {
  const path = resolve(file);
  const info = await probeChecked(path, 'audio');
  const stream = info.audio[0];
  if (!stream) throw new RedubError('MEDIA_UNREADABLE', 'has no audio stream to dub with', path);
  if (!(info.duration > 0) || !(await hasSamples(path, stream.index))) {
    throw new RedubError('MEDIA_UNREADABLE', 'holds no audio (0 s of sound): choose a dub that has sound in it', path);
  }
  return info;
}

export interface OutputCheck {
  /** `video`: a rendered file (.mp4 .mov .webm .mkv); `project`: a new *.redub file. */
  kind: 'video' | 'project';
  /** A project is never created over an existing file; a video may replace one when this is set. */
  overwrite?: boolean;
}

async function checkFolder(path: string): Promise<void> {
  const dir = dirname(path);
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) throw new RedubError('OUTPUT_DIR_MISSING', `output directory does not exist: ${dir}`, path);
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new RedubError('INVALID_ARGUMENT', `output directory is not writable: ${dir}`, path);
  }
}

/**
 * Where a result is to be written, checked before any decoding: not a folder, a known extension
 * (taken from the file name, never from a folder's dots), a folder that exists and takes writes.
 * Returns the absolute path.
 */
export async function validateOutputPath(file: string, o: OutputCheck): Promise<string> {
  const path = resolve(file);
  const st = await stat(path).catch(() => undefined);
  if (st?.isDirectory()) {
    const example = o.kind === 'video' ? 'out.mp4' : 'film.redub';
    throw new RedubError('INVALID_ARGUMENT', `is a folder: name the output file, e.g. ${path}/${example}`, path);
  }
  if (o.kind === 'video') containerOf(path);
  if (st && (o.kind === 'project' || o.overwrite === false)) {
    const hint = o.kind === 'project' ? 'a file already exists here' : 'output already exists (pass --overwrite to replace it)';
    throw new RedubError('OUTPUT_EXISTS', hint, path);
  }
  await checkFolder(path);
  return path;
}

/**
 * Generic helpers for tests and benchmarks that need real media: shared clips, temp dirs,
 * synthetic speech, and ffmpeg/ffprobe runs. No vitest import here, so benchmarks can use it too.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in test/helpers/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared read-only folder: REDUB_SHARED_DIR, else ../shared beside the repository. */
export function sharedDir(): string {
  return process.env.REDUB_SHARED_DIR || resolve(REPO_ROOT, '..', 'shared');
}

/** A file in the shared media folder, e.g. sharedMedia('talk3.mp4'). */
export function sharedMedia(name: string): string {
  return join(sharedDir(), 'media', name);
}

/** A fresh directory under the OS temp dir; call the returned cleanup when done. */
export function tmpDir(prefix = 'redub-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface ToolResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs a program to completion; never throws on a non-zero exit (callers assert on it). */
export function run(bin: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ToolResult> {
  return new Promise((resolvePromise, reject) => {
    execFile(bin, args, { encoding: 'buffer', maxBuffer: 1 << 30, ...opts }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      if (err && typeof err.code === 'string') return reject(err); // ENOENT etc.: the tool is missing
      resolvePromise({ code, stdout, stderr: stderr.toString() });
    });
  });
}

/** Runs ffmpeg quietly and throws with its stderr when it fails (test set-up must not fail silently). */
export async function ffmpeg(args: string[]): Promise<Buffer> {
  const r = await run('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args]);
  if (r.code !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

export interface ProbeStream {
  index: number;
  codec_type: string;
  codec_name: string;
  codec_tag_string?: string;
  width?: number;
  height?: number;
  duration?: string;
  nb_frames?: string;
  nb_read_frames?: string;
  sample_rate?: string;
  channels?: number;
}

export interface ProbeJson {
  format: { format_name: string; duration: string };
  streams: ProbeStream[];
}

/** ffprobe's JSON for a file, independent of the engine's own probe. `countFrames` decodes every frame. */
export async function ffprobeJson(path: string, countFrames = false): Promise<ProbeJson> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams'];
  if (countFrames) args.push('-count_frames');
  const r = await run('ffprobe', [...args, path]);
  if (r.code !== 0) throw new Error(`ffprobe ${path} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.toString()) as ProbeJson;
}

/** Speech synthesised by espeak-ng, e.g. makeSpeech('es', 'Hola', '/tmp/x.wav'). */
export async function makeSpeech(lang: string, text: string, outPath: string): Promise<string> {
  const r = await run('espeak-ng', ['-v', lang, '-w', outPath, text]);
  if (r.code !== 0) throw new Error(`espeak-ng failed: ${r.stderr}`);
  return outPath;
}

/** Decodes every frame and reports ffmpeg's complaints: "" means the file plays cleanly. */
export async function decodeErrors(path: string): Promise<string> {
  const r = await run('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-i', path, '-f', 'null', '-']);
  return r.code === 0 ? r.stderr.trim() : `exit ${r.code}: ${r.stderr.trim()}`;
}

/** Mono float PCM of a file's first audio stream (16 kHz unless told). */
export async function decodeMono(path: string, sampleRate = 16000): Promise<Float32Array> {
  const buf = await ffmpeg(['-i', path, '-map', '0:a:0', '-ac', '1', '-ar', String(sampleRate), '-f', 'f32le', 'pipe:1']);
  const out = new Float32Array(buf.length >> 2);
  new Uint8Array(out.buffer).set(buf.subarray(0, out.length * 4));
  return out;
}

/** One decoded frame as packed RGB24, the n-th (0-based) in decode order, rotation applied. */
export async function extractFrameRgb(path: string, n: number): Promise<Buffer> {
  return (await extractFramesRgb(path, n, 1))[0];
}

/** `count` consecutive decoded frames from the n-th, as packed RGB24 (one ffmpeg run). */
export async function extractFramesRgb(path: string, n: number, count: number): Promise<Buffer[]> {
  const vf = `select=between(n\\,${n}\\,${n + count - 1})`;
  const raw = await ffmpeg([
    '-i',
    path,
    '-map',
    '0:v:0',
    '-vf',
    vf,
    '-fps_mode',
    'passthrough',
    '-frames:v',
    String(count),
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
  ]);
  const size = raw.length / count;
  if (!Number.isInteger(size)) throw new Error(`${path}: expected ${count} frames from ${n}, got ${raw.length} bytes`);
  return Array.from({ length: count }, (_, i) => raw.subarray(i * size, (i + 1) * size));
}

/** MD5 of every decoded frame (ffmpeg's framemd5 muxer), for exact frame comparisons. */
export async function readAllFramesHash(path: string): Promise<string[]> {
  const out = await ffmpeg(['-i', path, '-map', '0:v:0', '-f', 'framemd5', '-pix_fmt', 'rgb24', 'pipe:1']);
  return out
    .toString()
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(',').at(-1)!.trim());
}

export interface PsnrResult {
  average: number;
  min: number;
  frames: number;
}

/**
 * PSNR (dB, Y/U/V average) of `a` against `b`, frame by frame from the start, over the shorter
 * of the two; identical frames count as 100 dB.
 */
export async function psnr(a: string, b: string): Promise<PsnrResult> {
  const r = await run('ffmpeg', [
    '-hide_banner',
    '-nostdin',
    '-i',
    a,
    '-i',
    b,
    '-lavfi',
    '[0:v][1:v]psnr=stats_file=-:shortest=1',
    '-f',
    'null',
    '-',
  ]);
  if (r.code !== 0) throw new Error(`psnr ${a} ${b} failed: ${r.stderr}`);
  const values = [...r.stdout.toString().matchAll(/psnr_avg:(\S+)/g)].map((m) => (m[1] === 'inf' ? 100 : Number(m[1])));
  if (values.length === 0) throw new Error(`psnr ${a} ${b}: no frame compared`);
  const average = values.reduce((s, v) => s + v, 0) / values.length;
  return { average, min: Math.min(...values), frames: values.length };
}

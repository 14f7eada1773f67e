import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { RedubError } from '../errors';
import { engineSettings } from '../settings';
import { killWithEngine } from './child-reaper';

const nodeRequire = createRequire(import.meta.url);

function onPath(name: string): string | undefined {
  const r = spawnSync(name, ['-version'], { stdio: 'ignore' });
  return r.error ? undefined : name;
}

function fromFfmpegStatic(): string | undefined {
  try {
    // Optional dependency: its installer downloads a binary, which fails offline.
    const p = nodeRequire('ffmpeg-static') as string | null;
    return p && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

let cached: { ffmpeg: string; ffprobe: string; key: string } | undefined;

/** Resolution order: setting/env → ffmpeg-static → `ffmpeg` on PATH. ffprobe sits beside it or on PATH. */
export function ffmpegTools(): { ffmpeg: string; ffprobe: string } {
  const s = engineSettings();
  const key = `${s.ffmpegPath}|${s.ffprobePath}`;
  if (cached?.key === key) return cached;
  const ffmpeg = s.ffmpegPath ?? fromFfmpegStatic() ?? onPath('ffmpeg');
  if (!ffmpeg) {
    throw new RedubError(
      'FFMPEG_MISSING',
      'ffmpeg was not found: install it (e.g. `apt-get install ffmpeg`) or set REDUB_FFMPEG to its path',
    );
  }
  const sibling = join(dirname(ffmpeg), process.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe');
  const ffprobe = s.ffprobePath ?? (existsSync(sibling) ? sibling : onPath('ffprobe'));
  if (!ffprobe) {
    throw new RedubError('FFMPEG_MISSING', 'ffprobe was not found: install ffmpeg or set REDUB_FFPROBE to its path');
  }
  cached = { ffmpeg, ffprobe, key };
  return cached;
}

/**
 * Every file path handed to ffmpeg or ffprobe goes through here. An absolute path starts with
 * "/" (or a drive letter), so a file named `-report`, `-y` or `pipe:` is read as a file: never
 * as an option, never as a protocol (ffmpeg takes "proto:" only when no "/" precedes the colon).
 */
export function toolPath(path: string): string {
  return resolvePath(path);
}

/** ffmpeg's own pipes ("pipe:1", and "-" for stdout): the only operands that are not paths. */
const PIPE = /^(pipe:\d|-)$/;

const safeOperand = (a: string) => PIPE.test(a) || isAbsolute(a);

/**
 * Catches a caller that forgot toolPath(): an input (after -i) or, in a command with inputs,
 * the output (the last argument) that ffmpeg could read as an option or a protocol. Inputs of
 * `-f lavfi` are filter graphs we wrote ("color=c=black"), not paths.
 */
function assertSafePaths(args: string[]): void {
  const inputs = args.map((a, i) => (args[i - 1] === '-i' ? i : -1)).filter((i) => i >= 0);
  if (!inputs.length) return;
  const files = inputs.filter((i) => !(args[i - 3] === '-f' && args[i - 2] === 'lavfi')).map((i) => args[i]);
  const unsafe = [...files, args.at(-1)!].find((a) => !safeOperand(a));
  if (unsafe !== undefined) throw new Error(`ffmpeg path "${unsafe}" did not go through toolPath() (it could be read as an option)`);
}

export interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs a short ffmpeg/ffprobe command to completion, collecting its output. */
export function runTool(bin: string, args: string[], input?: Buffer): Promise<RunResult> {
  assertSafePaths(args);
  return new Promise((resolve, reject) => {
    const proc = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    killWithEngine(proc);
    const out: Buffer[] = [];
    let err = '';
    proc.stdout.on('data', (d: Buffer) => out.push(d));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: err }));
    proc.stdin.on('error', () => undefined);
    proc.stdin.end(input);
  });
}

/** Spawns a long-running ffmpeg whose pipes the caller streams through. */
export function spawnFfmpeg(args: string[]): ChildProcessWithoutNullStreams {
  assertSafePaths(args);
  const { ffmpeg } = ffmpegTools();
  const proc = spawn(ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'error', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  killWithEngine(proc);
  return proc;
}

/** The last meaningful line ffmpeg printed, for a one-line error message. */
export function lastErrorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.at(-1) ?? 'ffmpeg failed';
}

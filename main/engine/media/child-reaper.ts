import { spawn, type ChildProcess } from 'node:child_process';

/**
 * ffmpeg children must not outlive the engine, however it ends, SIGKILL included. Children fed
 * through a pipe notice on their own (EOF on stdin, EPIPE on stdout), but one that reads and
 * writes files (audio mix, assembly, scrub proxy) would run on for minutes.
 *
 * So the engine keeps one tiny `sh` beside it, reading "+ PID" / "- PID" lines on a pipe.
 * When the engine exits in any way, the kernel closes the pipe; the reaper reads EOF and
 * SIGKILLs every child still listed. It runs in its own session (Ctrl+C and group signals do
 * not reach it) and ignores the usual signals, so only the pipe ends it. PIDs are taken off
 * the list in the child's exit handler (the child is reaped then, so its PID cannot yet be
 * reused by another process). Windows has no sh: there a Job Object would do this (not yet).
 */
const SCRIPT = [
  "trap '' INT TERM HUP QUIT",
  "pids=' '",
  'while read -r op pid; do',
  '  case "$op" in',
  '    +) pids="$pids$pid " ;;',
  `    -) left=' '; for p in $pids; do [ "$p" = "$pid" ] || left="$left$p "; done; pids=$left ;;`,
  '  esac',
  'done',
  'for p in $pids; do kill -KILL "$p" 2>/dev/null; done',
].join('\n');

let reaper: ChildProcess | undefined | null;

function start(): ChildProcess | null {
  if (process.platform === 'win32') return null;
  try {
    const r = spawn('/bin/sh', ['-c', SCRIPT], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
    r.on('error', () => (reaper = null));
    r.stdin!.on('error', () => (reaper = null));
    // Neither the reaper nor its pipe may keep the engine's event loop alive.
    r.unref();
    (r.stdin as unknown as { unref(): void }).unref();
    return r;
  } catch {
    return null;
  }
}

function tell(line: string): void {
  if (reaper === undefined) reaper = start();
  if (reaper?.stdin?.writable) reaper.stdin.write(`${line}\n`);
}

/** Registers a child so that it is killed if this process dies before it does. */
export function killWithEngine(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  tell(`+ ${pid}`);
  child.once('exit', () => tell(`- ${pid}`));
}

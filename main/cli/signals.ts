import { constants } from 'node:os';
import type { RedubError } from '../engine/errors';

/**
 * SIGINT/SIGTERM cancel a run instead of killing node outright: the engine then stops its ffmpeg
 * children and removes its temp files, prints one "cancelled" line and exits 130 (SIGINT) or
 * 143 (SIGTERM), as a shell expects of a program stopped by that signal.
 *
 * One request often arrives twice: Ctrl+C reaches the whole process group, and `npm run`, which
 * is in that group too, forwards the signal it got to us as well (about 1 ms later). A repeat
 * within ECHO_MS is that echo and is ignored; a later one is a user insisting: exit at once
 * (the child reaper still kills ffmpeg).
 */
const ECHO_MS = 1000;
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

let cancelledBy: NodeJS.Signals | undefined;

/** The exit status for a run cancelled by a signal: 128 + its number (130 for SIGINT). */
export function cancelExitCode(): number {
  return 128 + constants.signals[cancelledBy ?? 'SIGINT'];
}

export interface SignalCancel {
  signal: AbortSignal;
  /** Stops listening (a run that finished); after a cancel the handlers stay, to swallow echoes. */
  dispose(): void;
}

export function cancelOnSignals(reason: (sig: NodeJS.Signals) => RedubError): SignalCancel {
  const ac = new AbortController();
  let firstAt = 0;
  const on = (sig: NodeJS.Signals) => {
    if (!cancelledBy) {
      cancelledBy = sig;
      firstAt = Date.now();
      return ac.abort(reason(sig));
    }
    if (Date.now() - firstAt < ECHO_MS) return;
    process.stderr.write(`redub: ${sig} again: stopping at once\n`);
    process.exit(128 + constants.signals[sig]);
  };
  for (const s of SIGNALS) process.on(s, on);
  return {
    signal: ac.signal,
    dispose: () => {
      if (!ac.signal.aborted) for (const s of SIGNALS) process.off(s, on);
    },
  };
}

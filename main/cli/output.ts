import { isRedubError } from '../engine/errors';
import type { ModelFetchProgress } from '../engine/models/fetch-events';
import { findModel, formatSize } from '../engine/models/manifest';
import type { Progress } from '../engine/pipeline/progress';
import { cancelExitCode } from './signals';

function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

let progressOpen = false;

/**
 * Progress goes to stderr (stdout stays clean for --json): percent, fps, and an ETA once there
 * is one (the meter withholds it until the rate means something).
 */
export function printProgress(label: string, p: Progress): void {
  const pct = p.total ? ((100 * p.done) / p.total).toFixed(1) : '0.0';
  const eta = Number.isFinite(p.eta) ? `  ETA ${clock(p.eta)}` : '';
  const line = `${label} ${pct.padStart(5)}%  ${p.done}/${p.total} frames  ${p.fps.toFixed(1)} fps${eta}`;
  progressOpen = !!process.stderr.isTTY;
  process.stderr.write(process.stderr.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
}

/** What the run is doing now ("analysing faces…"), shown the moment it starts. */
export function printPhase(label: string, phase: string): void {
  endProgress();
  process.stderr.write(`${label}: ${phase}…\n`);
}

export function endProgress(): void {
  if (progressOpen) process.stderr.write('\n');
  progressOpen = false;
}

/**
 * Models the engine fetches on first use, on stderr: in a terminal one updating line per model,
 * otherwise (logs, CI) a line when it starts and one when it is installed.
 */
export function printModelFetch(p: ModelFetchProgress): void {
  const m = findModel(p.name);
  const what = `${p.name} (${formatSize(m.size)}, ${m.licence.id})`;
  if (process.stderr.isTTY) {
    if (p.state === 'failed') return void process.stderr.write('\n');
    const pct = p.total ? `${((100 * p.received) / p.total).toFixed(0)}%` : formatSize(p.received);
    process.stderr.write(`\rredub: first use: downloading ${what} ${pct}\x1b[K${p.state === 'done' ? '\n' : ''}`);
  } else if (p.state === 'running' && p.received === 0) {
    process.stderr.write(`redub: first use: downloading ${what}\n`);
  } else if (p.state === 'done') {
    process.stderr.write(`redub: installed ${p.name} (SHA-256 verified)\n`);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** One line, naming the file and the problem; a stack trace only for real bugs. */
export function reportError(e: unknown): number {
  if (isRedubError(e)) {
    process.stderr.write(`redub: error: ${e.message}\n`);
    if (e.code === 'CANCELLED') return cancelExitCode();
    return e.code === 'INVALID_ARGUMENT' ? 2 : 1;
  }
  const err = e as Error;
  process.stderr.write(`redub: internal error: ${err?.message ?? String(e)}\n`);
  if (process.env.REDUB_DEBUG) process.stderr.write(`${err?.stack}\n`);
  return 70;
}

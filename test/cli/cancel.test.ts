/**
 * Cancelling `redub dub` mid-encode, launched as the README says (`npm run -s redub -- dub …`):
 * Ctrl+C in a terminal (SIGINT to the process group), a job manager's SIGTERM to the group or to
 * npm alone, or a direct kill of the engine. Every time: one "cancelled" line, exit 130/143,
 * nothing left in the output folder, no process of the tree still running.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli, type CliResult } from '../helpers/cli';
import { ffmpeg, makeSpeech, removeDir, run, sharedMedia, tmpDir } from '../helpers/media';
import { isRunning as alive } from '../helpers/process';

const RUNS = 5;
let dir: string;
let video: string;
let dub: string;

beforeAll(async () => {
  dir = tmpDir('redub-cancel-');
  // 20 s of talk3 (stream copy, instant to make): long enough to still be encoding when signalled.
  video = join(dir, 'talk3x4.mp4');
  await ffmpeg(['-stream_loop', '3', '-i', sharedMedia('talk3.mp4'), '-c', 'copy', video]);
  dub = await makeSpeech('es', 'Hola', join(dir, 'dub.wav'));
});

afterAll(() => removeDir(dir));

async function waitFor(cond: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(25)) if (await cond()) return true;
  return cond();
}

/** Every process below `root` (npm, sh, node, ffmpeg, the reaper), by walking ps's parent links. */
async function descendants(root: number): Promise<number[]> {
  const rows = (await run('ps', ['-eo', 'pid=,ppid='])).stdout
    .toString()
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  for (let frontier = [root]; frontier.length;) {
    frontier = rows.filter(([, ppid]) => frontier.includes(ppid)).map(([pid]) => pid);
    found.push(...frontier);
  }
  return found;
}

interface Cancelled {
  result: CliResult;
  caseDir: string;
  out: string;
  /** Processes of the tree (engine, ffmpeg) seen before the signal. */
  tree: number[];
  /** Seconds from the signal until npm and every process of the tree had exited. */
  stopSeconds: number;
}

/** Starts the README command, signals it as soon as the encoder has started, waits for the tree. */
async function cancelRun(name: string, signal: NodeJS.Signals, target: 'group' | 'npm'): Promise<Cancelled> {
  const caseDir = join(dir, name);
  mkdirSync(caseDir);
  const out = join(caseDir, 'out.mp4');
  const args = ['dub', '--lipsync', 'none', '--video', video, '--audio', dub, '--out', out];
  const { child, result } = spawnCli(args, { viaNpm: true, detached: true });
  const started = await waitFor(() => readdirSync(caseDir).some((n) => n.includes('.partial')), 60_000);
  expect(started, 'the encoder never started').toBe(true);
  const tree = await descendants(child.pid!);
  const t0 = performance.now();
  process.kill(target === 'group' ? -child.pid! : child.pid!, signal);
  const r = await result;
  await waitFor(() => !tree.some(alive), 10_000);
  return { result: r, caseDir, out, tree, stopSeconds: (performance.now() - t0) / 1000 };
}

function expectCleanCancel(c: Cancelled, signal: NodeJS.Signals): void {
  const lines = c.result.stderr.trim().split('\n');
  const cancelLine = `redub: error: ${c.out}: cancelled by ${signal}: nothing was written`;
  expect(
    lines.filter((l) => /cancel/i.test(l)),
    c.result.stderr,
  ).toEqual([cancelLine]);
  expect(lines.at(-1)).toBe(cancelLine);
  expect(c.result.code).toBe(128 + constants.signals[signal]);
  expect(readdirSync(c.caseDir)).toEqual([]);
  expect(c.tree.filter(alive), 'processes of the tree still running').toEqual([]);
}

describe('cancelling `npm run -s redub -- dub` mid-render', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    `${RUNS} runs, %s to the process group: the cancel line, nothing left, every time`,
    async (signal) => {
      // Side by side: they only have to reach the encoder, and that keeps the test short.
      const runs = await Promise.all(Array.from({ length: RUNS }, (_, i) => cancelRun(`${signal}-group-${i}`, signal, 'group')));
      for (const c of runs) expectCleanCancel(c, signal);
      // The engine and its ffmpeg children were in the tree that stopped.
      for (const c of runs) expect(c.tree.length).toBeGreaterThanOrEqual(3);
    },
  );

  it('SIGTERM to npm alone stops the whole tree (npm, node, ffmpeg) within 2 s', async () => {
    const c = await cancelRun('SIGTERM-npm', 'SIGTERM', 'npm');
    expectCleanCancel(c, 'SIGTERM');
    expect(c.stopSeconds).toBeLessThan(2);
  });
});

describe('cancelling `redub export` mid-render', () => {
  it('SIGTERM: the cancel line, exit 143, no partial output, the job left cancelled (resumable)', async () => {
    const caseDir = join(dir, 'export');
    const outDir = join(caseDir, 'renders');
    mkdirSync(outDir, { recursive: true });
    const project = join(caseDir, 'P.redub');
    const created = await runCli(['project', 'create', '--video', video, '--dub', `es=${dub}`, '--out', project]);
    expect(created.code, created.stderr).toBe(0);
    const { child, result } = spawnCli(['export', project, '--lipsync', 'none', '--out', outDir, '--chunk-seconds', '5']);
    // Chunks are written in a folder per language below the work folder.
    const rendering = () => readdirSync(caseDir, { recursive: true }).some((n) => String(n).includes('.partial'));
    const started = await waitFor(rendering, 60_000);
    expect(started, 'the export never started rendering').toBe(true);
    child.kill('SIGTERM');
    const r = await result;
    const line = `redub: error: ${project}: cancelled by SIGTERM: finished chunks are kept; run the export again to resume`;
    expect(r.stderr.trim().split('\n').at(-1)).toBe(line);
    expect(r.code).toBe(143);
    expect(readdirSync(outDir)).toEqual([]);
    const jobs = await runCli(['jobs', project, '--json']);
    expect(JSON.parse(jobs.stdout).map((j: { state: string }) => j.state)).toEqual(['cancelled']);
  });
});

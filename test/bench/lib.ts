/**
 * What a benchmark module is, and tools to measure child processes. A module is a file
 * `test/bench/<area>.bench.ts` whose default export is a `BenchFn`; run.ts finds it by name.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchContext {
  /** Shorter inputs (--quick or BENCH_QUICK=1), for a smoke run. */
  quick: boolean;
  /** `--only SPEC`: the subset of its cases a benchmark should run (its own syntax; undefined = all). */
  only?: string;
  /** Persistent cache for generated inputs, so they are made once across runs. */
  cacheDir: string;
  /** Progress lines go to stderr; the table goes to stdout. */
  log(message: string): void;
}

export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "≤ 1.15". */
  target?: string;
  /** Whether the value meets the target (undefined: no target). */
  pass?: boolean;
}

export type BenchFn = (ctx: BenchContext) => Promise<BenchRow[]>;

export interface ProcessStats {
  code: number;
  wallSeconds: number;
  /** User + system CPU seconds of the process and the children it waited for (needs /usr/bin/time). */
  cpuSeconds?: number;
  /** Largest single process in the tree (ru_maxrss from /usr/bin/time), MiB. */
  maxRssMiB?: number;
  /** Peak RSS of the measured process itself (VmHWM polled from /proc), MiB. */
  selfPeakMiB?: number;
  /** Peak of the summed RSS of the process and its descendants (sampled), MiB. */
  treePeakMiB?: number;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

function statusKiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // exited between listing and reading
  }
}

function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function descendants(pid: number): number[] {
  const kids = children(pid);
  return kids.concat(kids.flatMap(descendants));
}

/**
 * Runs a command to completion and measures it. Under /usr/bin/time the measured process is
 * time's child; /proc polling watches that child (e.g. node) and its descendants (ffmpeg).
 */
export async function measureProcess(bin: string, args: string[], opts: { cwd?: string; pollMs?: number } = {}): Promise<ProcessStats> {
  const useTime = existsSync(GNU_TIME);
  const statsDir = mkdtempSync(join(tmpdir(), 'redub-bench-time-'));
  const statsFile = join(statsDir, 'time.txt');
  const [cmd, argv] = useTime ? [GNU_TIME, ['-f', '%e %U %S %M', '-o', statsFile, bin, ...args]] : [bin, args];
  const started = performance.now();
  const proc = spawn(cmd, argv, { cwd: opts.cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let selfPeak = 0;
  let treePeak = 0;
  const poll = setInterval(() => {
    const self = useTime ? children(proc.pid!)[0] : proc.pid!;
    if (!self) return;
    selfPeak = Math.max(selfPeak, statusKiB(self, 'VmHWM'));
    treePeak = Math.max(
      treePeak,
      [self, ...descendants(self)].reduce((s, p) => s + statusKiB(p, 'VmRSS'), 0),
    );
  }, opts.pollMs ?? 50);
  const code = await new Promise<number>((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', (c) => resolve(c ?? -1));
  });
  clearInterval(poll);
  const stats: ProcessStats = { code, wallSeconds: (performance.now() - started) / 1000, stderr };
  if (selfPeak) stats.selfPeakMiB = selfPeak / 1024;
  if (treePeak) stats.treePeakMiB = treePeak / 1024;
  if (useTime && existsSync(statsFile)) {
    const [, user, sys, maxKiB] = readFileSync(statsFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
    stats.cpuSeconds = user + sys;
    stats.maxRssMiB = maxKiB / 1024;
  }
  rmSync(statsDir, { recursive: true, force: true });
  return stats;
}

/** Fails loudly: a benchmark that silently measured a failed command is worse than none. */
export function checkOk(what: string, s: ProcessStats): ProcessStats {
  if (s.code !== 0) throw new Error(`${what} exited with ${s.code}: ${s.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return s;
}

export function row(metric: string, value: number, unit: string, target?: { text: string; ok: boolean }): BenchRow {
  return { metric, value, unit, target: target?.text, pass: target?.ok };
}

/**
 * CPU seconds of this process and of its reaped children (ffmpeg decoders and encoders), from
 * /proc/self/stat: wall-clock time on a shared machine depends on the neighbours, CPU time does not.
 */
export function cpuSeconds(): { self: number; children: number } | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    const tick = 100; // USER_HZ on Linux
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]) / tick);
    return { self: utime + stime, children: cutime + cstime };
  } catch {
    return undefined; // not Linux
  }
}

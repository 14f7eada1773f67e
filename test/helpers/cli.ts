/** Runs the real `redub` CLI in a child process, as a user would: through the package's bin. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './media';

/** bin/redub.mjs: the one launcher (the source with tsx registered in-process, in a checkout). */
export const CLI_BIN = join(REPO_ROOT, 'bin', 'redub.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The signal that ended the process, if one did. */
  signal?: NodeJS.Signals | null;
}

/** The argv that starts the CLI: `node bin/redub.mjs ...args`. */
export function cliCommand(args: string[]): [string, string[]] {
  return [process.execPath, [CLI_BIN, ...args]];
}

/** The README's command: `npm run -s redub -- ...args` (run from the repository root). */
export function npmCliCommand(args: string[]): [string, string[]] {
  return ['npm', ['run', '-s', 'redub', '--', ...args]];
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return spawnCli(args, { env }).result;
}

export interface SpawnCliOptions {
  env?: NodeJS.ProcessEnv;
  /** Own process group, so `process.kill(-child.pid, 'SIGINT')` acts like Ctrl+C in a terminal. */
  detached?: boolean;
  /** Working folder (default: the repository root). */
  cwd?: string;
  /** Start through npm, as the README does, instead of the bin directly. */
  viaNpm?: boolean;
}

/** Starts the CLI and hands back the child too (to signal it). */
export function spawnCli(args: string[], o: SpawnCliOptions = {}): { child: ChildProcess; result: Promise<CliResult> } {
  const [bin, argv] = o.viaNpm ? npmCliCommand(args) : cliCommand(args);
  const proc = spawn(bin, argv, {
    cwd: o.viaNpm ? REPO_ROOT : (o.cwd ?? REPO_ROOT),
    env: { ...process.env, ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: o.detached,
  });
  const result = new Promise<CliResult>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr, signal }));
  });
  return { child: proc, result };
}

/** Runs the real `redub` CLI in a child process, as a user would (TypeScript source through tsx). */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './media';

export const CLI_ENTRY = join(REPO_ROOT, 'main', 'cli', 'redub.ts');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The argv that starts the CLI: `node --import tsx main/cli/redub.ts ...args`. */
export function cliCommand(args: string[]): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args]];
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return spawnCli(args, { env }).result;
}

/**
 * Starts the CLI and hands back the child too (to signal it). `detached` puts it in its own
 * process group, so `process.kill(-child.pid, 'SIGINT')` acts like Ctrl+C in a terminal.
 */
export function spawnCli(
  args: string[],
  o: { env?: NodeJS.ProcessEnv; detached?: boolean } = {},
): { child: ChildProcess; result: Promise<CliResult> } {
  const [bin, argv] = cliCommand(args);
  // cwd = repo root so `--import tsx` resolves from the project's node_modules.
  const proc = spawn(bin, argv, {
    cwd: REPO_ROOT,
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
    proc.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr }));
  });
  return { child: proc, result };
}

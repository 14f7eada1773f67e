/** Process checks for tests that stop process trees. */
import { existsSync, readFileSync } from 'node:fs';

/**
 * Still running. A zombie (exited, not yet reaped by whoever inherited it: this container's init
 * takes up to ~2 s) counts as gone; without /proc, any process that exists counts.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (!existsSync('/proc/self')) return true;
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

import { open, readFile, rm } from 'node:fs/promises';
import { RedubError } from '../errors';

/**
 * One download per model at a time (the editor and the CLI may both try): a second
 * writer appending to the same .part would corrupt it. The lock holds the owner's pid,
 * so a lock left by a crashed process is recognised and taken over.
 */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryCreate(path: string): Promise<boolean> {
  try {
    const fh = await open(path, 'wx');
    await fh.writeFile(String(process.pid));
    await fh.close();
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

export async function withLock<T>(path: string, what: string, fn: () => Promise<T>): Promise<T> {
  if (!(await tryCreate(path))) {
    const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (owner && owner !== process.pid && alive(owner)) {
      throw new RedubError('INVALID_ARGUMENT', `${what} is already being downloaded (process ${owner})`);
    }
    if (owner === process.pid) throw new RedubError('INVALID_ARGUMENT', `${what} is already being downloaded`);
    await rm(path, { force: true });
    if (!(await tryCreate(path))) throw new RedubError('INVALID_ARGUMENT', `${what} is already being downloaded`);
  }
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}

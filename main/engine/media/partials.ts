import { readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isPidAlive } from '../store/lock';

/**
 * Temp files: every result is written beside its final path under a hidden name that carries the
 * writer's PID, ".out.partial-1234.mp4", and renamed when complete. A run that is killed
 * outright (kill -9, power loss) cannot remove its own; the next run in that folder does.
 */
export function partialPath(out: string, tag?: string): string {
  const name = basename(out);
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  // A tag ("-t2n5") tells apart several writers of one result in one process (farm render threads).
  return join(dirname(out), `.${stem}.partial-${process.pid}${tag ? `-${tag}` : ''}${ext}`);
}

/** ".NAME.partial-PID[-TAG][.EXT][.txt]": outputs, their concat lists, projects being created (and their -wal). */
const PARTIAL = /^\..+\.partial-(\d+)(-[A-Za-z0-9]+)?(\.[A-Za-z0-9-]+)?(\.txt)?$/;

/** When this process started, ms since the epoch. */
const startedAt = Date.now() - process.uptime() * 1000;

/**
 * Removes temp files in `dir` left by processes that are gone: the PID is dead, or it is ours
 * but the file is older than this process (an earlier run that had the same PID). Files of live
 * runs (another export writing into the same folder) are left alone. Returns what was removed.
 */
export async function sweepStalePartials(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(PARTIAL.exec(name)?.[1]);
    if (!pid) continue;
    const path = join(dir, name);
    const st = await stat(path).catch(() => undefined);
    if (!st?.isFile()) continue;
    const stale = pid === process.pid ? st.mtimeMs < startedAt : !isPidAlive(pid);
    if (
      stale &&
      (await unlink(path).then(
        () => true,
        () => false,
      ))
    )
      removed.push(path);
  }
  return removed;
}

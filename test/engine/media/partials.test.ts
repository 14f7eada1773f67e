/** Temp files of killed runs are swept at the next start; those of live runs are left alone. */
import { spawnSync } from 'node:child_process';
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { partialPath, sweepStalePartials } from '../../../main/engine/media/partials';
import { removeDir, tmpDir } from '../../helpers/media';

const dir = tmpDir('redub-partials-');
afterAll(() => removeDir(dir));

/** A PID that was just used and is gone. */
function deadPid(): number {
  return Number(spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim());
}

describe('partial files', () => {
  it('are named beside the output, hidden, with the PID', () => {
    expect(partialPath('/films/out.mp4')).toBe(`/films/.out.partial-${process.pid}.mp4`);
    expect(partialPath('/films/P.redub')).toBe(`/films/.P.partial-${process.pid}.redub`);
  });

  it('of dead processes, and our own from before this process started, are swept', async () => {
    const dead = deadPid();
    const files = {
      deadOutput: `.out.partial-${dead}.mp4`,
      deadList: `.out.partial-${dead}.mp4.txt`,
      deadProjectWal: `.P.partial-${dead}.redub-wal`,
      ownOld: `.old.partial-${process.pid}.mp4`,
      ownNow: `.now.partial-${process.pid}.mp4`,
      live: `.other.partial-${process.ppid}.mp4`,
      unrelated: '.notes.partial.txt',
      userFile: 'out.partial-1.mp4',
    };
    for (const name of Object.values(files)) writeFileSync(join(dir, name), 'x');
    const longAgo = new Date(Date.now() - 24 * 3600_000);
    utimesSync(join(dir, files.ownOld), longAgo, longAgo);
    const removed = await sweepStalePartials(dir);
    expect(removed.sort()).toEqual([files.deadOutput, files.deadList, files.deadProjectWal, files.ownOld].map((n) => join(dir, n)).sort());
    expect(readdirSync(dir).sort()).toEqual([files.ownNow, files.live, files.unrelated, files.userFile].sort());
  });
});

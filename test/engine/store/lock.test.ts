import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lockPathOf, ProjectStore } from '../../../main/engine/store';
import { exited, startHolder, tempProjectPath } from './helpers';

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
}

describe('exclusive access', () => {
  it('another process opening an open project gets PROJECT_IN_USE naming our pid', async () => {
    const path = tempProjectPath();
    const store = await ProjectStore.create(path);
    const lock = JSON.parse(readFileSync(lockPathOf(path), 'utf8'));
    expect(lock).toMatchObject({ pid: process.pid, hostname: hostname() });

    const { proc, report } = startHolder(path);
    const r = await report;
    await exited(proc);
    expect(r).toMatchObject({ ok: false, code: 'PROJECT_IN_USE' });
    expect(r.message).toContain(`is open in another Redub process (pid ${process.pid})`);

    await store.close();
    expect(existsSync(lockPathOf(path))).toBe(false);
  });

  it('a project held by a live process is refused here, readable read-only, and taken over once it dies', async () => {
    const path = tempProjectPath();
    const setup = await ProjectStore.create(path);
    const job = setup.jobs.enqueue({ language: 'es', format: 'mp4', outPath: '/o.mp4' });
    setup.segments.add({ start: 0, end: 1 });
    await setup.close();

    const holder = startHolder(path, 'hold');
    const held = await holder.report;
    expect(held).toMatchObject({ ok: true, claimed: job.id });

    await expect(ProjectStore.open(path)).rejects.toMatchObject({
      code: 'PROJECT_IN_USE',
      message: expect.stringContaining(`(pid ${held.pid})`),
    });
    const ro = await ProjectStore.open(path, { readonly: true });
    expect(ro.segments.list()).toHaveLength(1);
    expect(ro.jobs.get(job.id).state).toBe('running'); // sees the holder's committed write
    expect(() => ro.segments.add({ start: 2, end: 3 })).toThrow(/readonly/);
    await ro.close();

    // A crash: the lock file stays behind, naming a dead pid.
    holder.proc.kill('SIGKILL');
    await exited(holder.proc);
    expect(JSON.parse(readFileSync(lockPathOf(path), 'utf8')).pid).toBe(held.pid);

    const after = await ProjectStore.open(path);
    expect(JSON.parse(readFileSync(lockPathOf(path), 'utf8')).pid).toBe(process.pid);
    expect(after.jobs.get(job.id)).toMatchObject({ state: 'queued', attempts: 1 }); // orphan requeued
    await after.close();
  });

  it('takes over a stale lock left by a dead pid, and a garbled one', async () => {
    const path = tempProjectPath();
    await (await ProjectStore.create(path)).close();
    writeFileSync(lockPathOf(path), JSON.stringify({ pid: deadPid(), hostname: hostname(), createdAt: 0 }));
    const s = await ProjectStore.open(path);
    await s.close();
    writeFileSync(lockPathOf(path), 'garbage');
    await (await ProjectStore.open(path)).close();
    expect(existsSync(lockPathOf(path))).toBe(false);
  });

  it('does not take over a lock from another host (its pid cannot be checked)', async () => {
    const path = tempProjectPath();
    await (await ProjectStore.create(path)).close();
    writeFileSync(lockPathOf(path), JSON.stringify({ pid: 4242, hostname: 'editing-suite-2', createdAt: 0 }));
    await expect(ProjectStore.open(path)).rejects.toThrow(/another Redub process \(pid 4242 on editing-suite-2\)/);
  });

  it('the child can open once we close (lock released)', async () => {
    const path = tempProjectPath();
    await (await ProjectStore.create(path)).close();
    const { proc, report } = startHolder(path);
    expect(await report).toMatchObject({ ok: true });
    await exited(proc);
    expect(existsSync(lockPathOf(path))).toBe(false);
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { buildFileOnce, LOCK_TIMINGS } from '../../../main/engine/cache/build-once';

const WORKER = join(__dirname, 'build-once-worker.ts');

function runWorker(path: string, log: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', WORKER, path, log], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('buildFileOnce', () => {
  it('two concurrent builds of one key in a process run the builder once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redub-once-'));
    const path = join(dir, 'x.bank');
    let runs = 0;
    const build = async (tmp: string) => {
      runs++;
      await sleep(100);
      writeFileSync(tmp, 'bank');
    };
    await Promise.all([buildFileOnce(path, build), buildFileOnce(path, build)]);
    expect(runs).toBe(1);
    expect(readFileSync(path, 'utf8')).toBe('bank');
    // No partials or lock left beside the entry.
    expect(readdirSync(dir)).toEqual(['x.bank']);
  });

  it('a failed build leaves nothing, and the next caller builds again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redub-once-'));
    const path = join(dir, 'x.bank');
    await expect(
      buildFileOnce(path, async (tmp) => {
        writeFileSync(tmp, 'half');
        throw new Error('decoder died');
      }),
    ).rejects.toThrow('decoder died');
    expect(readdirSync(dir)).toEqual([]);
    await buildFileOnce(path, async (tmp) => writeFileSync(tmp, 'ok'));
    expect(readFileSync(path, 'utf8')).toBe('ok');
  });

  it('across two processes one builds and the other waits and reads it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redub-once-'));
    const path = join(dir, 'x.bank');
    const log = join(dir, 'builders.log');
    const [a, b] = await Promise.all([runWorker(path, log), runWorker(path, log)]);
    expect(a.err + b.err).toBe('');
    expect([a.code, b.code]).toEqual([0, 0]);
    const builders = readFileSync(log, 'utf8').trim().split('\n');
    expect(builders).toHaveLength(1);
    expect(a.out).toBe(`built by ${builders[0]}`);
    expect(b.out).toBe(a.out);
    expect(existsSync(`${path}.lock`)).toBe(false);
  }, 60_000);

  it('takes over a lock whose owner is dead', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redub-once-'));
    const path = join(dir, 'x.bank');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: Number(dead), nonce: 'gone' }));
    await buildFileOnce(path, async (tmp) => writeFileSync(tmp, 'ok'));
    expect(readFileSync(path, 'utf8')).toBe('ok');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('takes over a lock of a live process whose heartbeat stopped, not a fresh one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redub-once-'));
    const path = join(dir, 'x.bank');
    // PID 1 is alive; the lock claims it but has not been refreshed for longer than staleMs.
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: 1, nonce: 'hung' }));
    const old = (Date.now() - LOCK_TIMINGS.staleMs - 5000) / 1000;
    utimesSync(`${path}.lock`, old, old);
    await buildFileOnce(path, async (tmp) => writeFileSync(tmp, 'ok'));
    expect(readFileSync(path, 'utf8')).toBe('ok');

    // A fresh lock of a live owner is waited for: the build does not start while it stands.
    const other = join(dir, 'y.bank');
    writeFileSync(`${other}.lock`, JSON.stringify({ pid: 1, nonce: 'busy' }));
    let started = false;
    const p = buildFileOnce(other, async (tmp) => ((started = true), writeFileSync(tmp, 'ok')));
    await sleep(500);
    expect(started).toBe(false);
    // The owner finishes: it wrote the entry and dropped its lock; the waiter reads it, builds nothing.
    writeFileSync(other, 'theirs');
    rmSync(`${other}.lock`);
    await p;
    expect(started).toBe(false);
    expect(readFileSync(other, 'utf8')).toBe('theirs');
  });
});

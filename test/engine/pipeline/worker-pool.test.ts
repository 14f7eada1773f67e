import { describe, expect, it } from 'vitest';
import { WorkerPool, type PoolTask } from '../../../main/engine/pipeline/worker-pool';
import type { EchoTask } from './echo-thread';

const ENTRY = new URL('./echo-thread.ts', import.meta.url);
type Result = { index: number; data: Uint8Array };

function frame(index: number, delayMs: number, fail = false): PoolTask<EchoTask> {
  const data = new Uint8Array(64 * 48 * 3).fill(index % 256);
  return { payload: { index, data, delayMs, fail }, transfer: [data.buffer] };
}

describe('WorkerPool (stage work on every core)', () => {
  it('The worker pool keeps frame order and propagates an error', async () => {
    const pool = new WorkerPool<EchoTask, Result>(ENTRY, 3, 2);
    try {
      // Random durations: later frames often finish first; results must still come in input order.
      const tasks = Array.from({ length: 40 }, (_, i) => frame(i, Math.floor(Math.random() * 25)));
      const sent = tasks.map((t) => t.payload.data);
      const got: Result[] = [];
      for await (const r of pool.ordered(tasks)) got.push(r);
      expect(got.map((r) => r.index)).toEqual([...Array(40).keys()]);
      // Each frame came back processed (inverted), and its buffer moved to the thread (not copied).
      for (const r of got) expect(r.data[0]).toBe(255 - (r.index % 256));
      expect(sent.every((d) => d.byteLength === 0)).toBe(true);

      // The first error stops the run with its message; nothing after it is returned.
      const failing = Array.from({ length: 30 }, (_, i) => frame(i, Math.floor(Math.random() * 10), i === 7));
      const before: number[] = [];
      const run = async () => {
        for await (const r of pool.ordered(failing)) before.push(r.index);
      };
      await expect(run()).rejects.toThrow('echo-thread.ts: frame 7 is broken');
      // Frames still running beside the failing one are dropped too: what came out is a prefix before 7.
      expect(before.length).toBeLessThanOrEqual(7);
      expect(before).toEqual([...Array(before.length).keys()]);
      await expect(pool.run(frame(99, 0))).rejects.toThrow('frame 7 is broken');
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('bounds the queue: run() waits while size + queued tasks are waiting', async () => {
    const pool = new WorkerPool<EchoTask, Result>(ENTRY, 1, 1);
    try {
      const a = pool.run(frame(0, 300));
      const b = pool.run(frame(1, 0));
      let started = false;
      const c = pool.run(frame(2, 0)).then((r) => ((started = true), r));
      await new Promise((r) => setTimeout(r, 100));
      // Task 0 runs, task 1 waits in the queue (capacity 1), so task 2 is not accepted yet.
      expect(started).toBe(false);
      expect((await Promise.all([a, b, c])).map((r) => r.index)).toEqual([0, 1, 2]);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

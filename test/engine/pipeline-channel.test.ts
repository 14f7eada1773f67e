import { describe, expect, it } from 'vitest';
import { Channel } from '../../main/engine/pipeline/channel';
import type { VideoFrame } from '../../main/engine/pipeline/frame';
import { runStages } from '../../main/engine/pipeline/run-stages';
import type { FrameStage, StageContext } from '../../main/engine/pipeline/stage';

const frame = (index: number): VideoFrame => ({ index, time: index / 25, width: 2, height: 2, data: new Uint8Array(12) });
const context = { options: {}, warn: () => undefined } as unknown as StageContext;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('pipelined stage runner', () => {
  it('a bounded channel makes the writer wait and keeps order', async () => {
    const ch = new Channel<number>(1);
    await ch.push(1);
    let second = false;
    const pushing = ch.push(2).then(() => (second = true));
    await sleep(5);
    expect(second).toBe(false);
    expect(await ch.pull()).toBe(1);
    await pushing;
    ch.close();
    expect(await ch.pull()).toBe(2);
    expect(await ch.pull()).toBeUndefined();
  });

  it('decodes the next batch while the stages work on the current one, frames in order', async () => {
    const log: string[] = [];
    async function* source() {
      for (let i = 0; i < 6; i++) {
        log.push(`read ${i}`);
        yield frame(i);
      }
    }
    const slow: FrameStage = {
      name: 'slow',
      prepare: async () => undefined,
      release: async () => undefined,
      process: async (b) => (await sleep(20), log.push(`processed ${b[0].index}`), b),
    };
    const written: number[] = [];
    await runStages(source(), { stages: [slow], context, batchSize: 2, sink: async (f) => void written.push(f.index) });
    expect(written).toEqual([0, 1, 2, 3, 4, 5]);
    // Frames 2 and 3 were read while the first batch was still in the stage (a sequential
    // runner reads them only after 'processed 0').
    expect(log.indexOf('read 3')).toBeLessThan(log.indexOf('processed 0'));
  });

  it('a failing stage stops reading and writing, and the error surfaces', async () => {
    let reads = 0;
    async function* endless() {
      for (let i = 0; ; i++) {
        reads++;
        yield frame(i);
      }
    }
    const failing: FrameStage = {
      name: 'failing',
      prepare: async () => undefined,
      release: async () => undefined,
      process: async (b) => {
        if (b[0].index >= 4) throw new Error('model crashed');
        return b;
      },
    };
    await expect(runStages(endless(), { stages: [failing], context, batchSize: 2, sink: async () => undefined })).rejects.toThrow(
      'model crashed',
    );
    expect(reads).toBeLessThan(20);
  });
});

/** A pool thread for the worker-pool test: waits a random while, then returns its frame inverted (or fails on request). */
import { servePoolTasks } from '../../../main/engine/pipeline/pool-thread';

export interface EchoTask {
  index: number;
  data: Uint8Array;
  delayMs: number;
  fail?: boolean;
}

servePoolTasks<EchoTask, { index: number; data: Uint8Array }>(async (t) => {
  await new Promise((r) => setTimeout(r, t.delayMs));
  if (t.fail) throw new Error(`echo-thread.ts: frame ${t.index} is broken`);
  for (let i = 0; i < t.data.length; i++) t.data[i] = 255 - t.data[i];
  return { result: { index: t.index, data: t.data }, transfer: [t.data.buffer as ArrayBuffer] };
});

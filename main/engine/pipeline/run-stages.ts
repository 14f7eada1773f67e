import { Channel } from './channel';
import type { VideoFrame } from './frame';
import type { FrameStage, StageContext } from './stage';

export interface RunStagesOptions {
  stages: FrameStage[];
  context: StageContext;
  batchSize: number;
  /** Called with every processed frame, in order. */
  sink(frame: VideoFrame): Promise<void>;
  onFrame?(done: number): void;
  signal?: AbortSignal;
}

/** Batches waiting on each side of the stages: enough to overlap, few enough to bound memory. */
const QUEUED_BATCHES = 1;

async function readBatches(source: AsyncIterable<VideoFrame>, out: Channel<VideoFrame[]>, o: RunStagesOptions): Promise<void> {
  let batch: VideoFrame[] = [];
  for await (const frame of source) {
    o.signal?.throwIfAborted();
    batch.push(frame);
    if (batch.length >= o.batchSize) {
      await out.push(batch);
      batch = [];
    }
  }
  if (batch.length) await out.push(batch);
  out.close();
}

async function processBatches(input: Channel<VideoFrame[]>, out: Channel<VideoFrame[]>, stages: FrameStage[]): Promise<void> {
  for (let batch = await input.pull(); batch; batch = await input.pull()) {
    let frames = batch;
    for (const stage of stages) frames = await stage.process(frames);
    await out.push(frames);
  }
  out.close();
}

async function writeBatches(input: Channel<VideoFrame[]>, o: RunStagesOptions): Promise<number> {
  let done = 0;
  for (let batch = await input.pull(); batch; batch = await input.pull()) {
    for (const f of batch) {
      await o.sink(f);
      o.onFrame?.(++done);
    }
  }
  return done;
}

/**
 * Drives frames through the stage chain in batches: decode → stages → sink (encode), as three
 * loops joined by bounded queues, so the next batch is decoded and the last one encoded while
 * the stages work on the current one. At most a few batches are in memory at any time.
 */
export async function runStages(source: AsyncIterable<VideoFrame>, o: RunStagesOptions): Promise<number> {
  const prepared: FrameStage[] = [];
  const decoded = new Channel<VideoFrame[]>(QUEUED_BATCHES);
  const processed = new Channel<VideoFrame[]>(QUEUED_BATCHES);
  // The first failure anywhere stops the other loops instead of leaving them waiting.
  const guard = <T>(p: Promise<T>) => p.catch((e) => (decoded.fail(e), processed.fail(e), Promise.reject(e)));
  try {
    for (const stage of o.stages) {
      o.signal?.throwIfAborted();
      if (stage.phase !== null) o.context.phase?.(stage.phase ?? `preparing ${stage.name}`);
      await stage.prepare(o.context);
      prepared.push(stage);
    }
    o.signal?.throwIfAborted();
    o.context.phase?.('rendering');
    const [, , written] = await Promise.all([
      guard(readBatches(source, decoded, o)),
      guard(processBatches(decoded, processed, o.stages)),
      guard(writeBatches(processed, o)),
    ]);
    return written;
  } finally {
    for (const stage of prepared.reverse()) await stage.release();
  }
}

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

async function flush(batch: VideoFrame[], o: RunStagesOptions, done: { n: number }): Promise<void> {
  let frames = batch;
  for (const stage of o.stages) frames = await stage.process(frames);
  for (const f of frames) {
    await o.sink(f);
    o.onFrame?.(++done.n);
  }
}

/**
 * Drives frames through the stage chain in batches: decode → stages → sink (encode).
 * Only one batch is in memory at a time; the decoder and encoder run as separate processes,
 * so decoding, stage work and encoding overlap.
 */
export async function runStages(source: AsyncIterable<VideoFrame>, o: RunStagesOptions): Promise<number> {
  const prepared: FrameStage[] = [];
  const done = { n: 0 };
  try {
    for (const stage of o.stages) {
      await stage.prepare(o.context);
      prepared.push(stage);
    }
    let batch: VideoFrame[] = [];
    for await (const frame of source) {
      o.signal?.throwIfAborted();
      batch.push(frame);
      if (batch.length >= o.batchSize) {
        await flush(batch, o, done);
        batch = [];
      }
    }
    if (batch.length) await flush(batch, o, done);
    return done.n;
  } finally {
    for (const stage of prepared.reverse()) await stage.release();
  }
}

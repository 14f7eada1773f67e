import { RedubError } from '../errors';
import { renderChunk } from '../export/render-chunk';
import type { StageContext } from '../pipeline/stage';
import { buildStageChain } from '../stages';
import type { ChunkJobData } from './farm-jobs';

/**
 * Test hook: REDUB_FARM_FAULT=LANG:INDEX makes that chunk fail on every attempt, as a broken
 * input would, so the retry and failure path can be shown end to end.
 */
function injectedFault(d: ChunkJobData): void {
  if (process.env.REDUB_FARM_FAULT === `${d.language}:${d.index}`)
    throw new RedubError('FFMPEG_FAILED', `chunk ${d.index} of ${d.language}: injected fault (REDUB_FARM_FAULT)`, d.out);
}

/** Renders one farm chunk with the same stage chain and chunk renderer as a local export. */
export async function renderChunkJob(d: ChunkJobData, o: { onFrame(done: number): void; signal: AbortSignal }): Promise<number> {
  injectedFault(d);
  const stages = await buildStageChain(d.lipsync);
  const context: StageContext = {
    videoPath: d.video,
    width: d.info.width,
    height: d.info.height,
    fps: d.info.fps,
    frameCount: d.frameCount,
    audioPath: d.audioPath,
    audioOffset: 0,
    options: { ...d.lipsync, batchSize: d.batchSize },
    warn: () => undefined,
    signal: o.signal,
  };
  return renderChunk({
    video: d.video,
    info: d.info,
    sourceFrames: d.info.frameCount,
    range: { start: d.start, end: d.end },
    stages,
    context,
    encode: d.encode,
    out: d.out,
    batchSize: d.batchSize,
    onFrame: o.onFrame,
    signal: o.signal,
  });
}

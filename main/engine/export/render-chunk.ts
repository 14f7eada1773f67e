import type { EncodeSettings } from '../media/encoders';
import { FrameWriter } from '../media/frame-writer';
import type { VideoStreamInfo } from '../media/probe';
import { pixelFormatFor } from '../pipeline/frame';
import { runStages } from '../pipeline/run-stages';
import type { FrameStage, StageContext } from '../pipeline/stage';
import { outputFrames, type FrameRange } from './output-frames';

export interface ChunkRenderRequest {
  video: string;
  info: VideoStreamInfo;
  sourceFrames: number;
  range: FrameRange;
  stages: FrameStage[];
  context: StageContext;
  encode: EncodeSettings;
  /** Final path of the chunk (video only). Written under a temp name, renamed when complete. */
  out: string;
  batchSize: number;
  onFrame?(done: number): void;
  signal?: AbortSignal;
}

/**
 * Renders one chunk: frames [start, end) through the stage chain into a video-only file.
 * The file appears at `out` only when complete, so its existence means "finished".
 */
export async function renderChunk(req: ChunkRenderRequest): Promise<number> {
  const { info } = req;
  const pixelFormat = pixelFormatFor(req.stages.length, info.width, info.height);
  const writer = new FrameWriter({ out: req.out, width: info.width, height: info.height, fps: info.fpsRational, encode: req.encode, pixelFormat });
  try {
    const frames = outputFrames(req.video, info, req.range, req.sourceFrames, pixelFormat);
    const count = await runStages(frames, {
      stages: req.stages,
      context: req.context,
      batchSize: req.batchSize,
      sink: (f) => writer.write(f),
      onFrame: req.onFrame,
      signal: req.signal,
    });
    await writer.finish();
    return count;
  } catch (e) {
    await writer.abort();
    throw e;
  }
}


import { RedubError } from '../errors';
import type { AudioMix } from '../media/audio-mix';
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
  /** Final path. Written under a temp name, renamed when complete. */
  out: string;
  /** Audio to mux in; chunks are video only (the language's audio is encoded once, at assembly). */
  audio?: AudioMix;
  batchSize: number;
  onFrame?(done: number): void;
  signal?: AbortSignal;
}

/**
 * Renders frames [start, end) of the output through the stage chain into a file: one chunk of
 * an export, or a whole dub. The file appears at `out` only when complete, so its existence
 * means "finished".
 */
export async function renderChunk(req: ChunkRenderRequest): Promise<number> {
  const { info } = req;
  const pixelFormat = pixelFormatFor(req.stages.length, info.width, info.height);
  const writer = new FrameWriter({
    out: req.out,
    width: info.width,
    height: info.height,
    fps: info.fpsRational,
    encode: req.encode,
    audio: req.audio,
    pixelFormat,
  });
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
    if (count === 0) throw new RedubError('MEDIA_UNREADABLE', 'no video frame could be decoded', req.video);
    await writer.finish();
    return count;
  } catch (e) {
    await writer.abort();
    // Ctrl+C in a terminal also reaches ffmpeg, whose exit then looks like an encoding failure.
    throw req.signal?.aborted ? req.signal.reason : e;
  }
}

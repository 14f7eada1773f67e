import { link, rename, rm } from 'node:fs/promises';
import { threadId } from 'node:worker_threads';
import { RedubError } from '../errors';
import { renderChunk } from '../export/render-chunk';
import type { StageContext } from '../pipeline/stage';
import { partialPath } from '../media/partials';
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

let renders = 0;

/**
 * Puts a finished render at `out` unless a copy is already there: a chunk taken twice (its lock
 * lapsed on a starved machine, or two workers raced) never replaces the file another render
 * finished first, so a chunk's file, once there, stays as it is. Storage without hard links
 * (some SMB mounts) falls back to a rename: the same pixels, a new inode.
 */
async function putInPlace(mine: string, out: string): Promise<void> {
  try {
    await link(mine, out);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return rename(mine, out);
  }
  await rm(mine, { force: true });
}

/** Renders one farm chunk with the same stage chain and chunk renderer as a local export. */
export async function renderChunkJob(d: ChunkJobData, o: { onFrame(done: number): void; signal: AbortSignal }): Promise<number> {
  injectedFault(d);
  const mine = partialPath(d.out, `t${threadId}n${++renders}`);
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
  const frames = await renderChunk({
    video: d.video,
    info: d.info,
    sourceFrames: d.info.frameCount,
    range: { start: d.start, end: d.end },
    stages,
    context,
    encode: d.encode,
    out: mine,
    batchSize: d.batchSize,
    onFrame: o.onFrame,
    signal: o.signal,
  });
  await putInPlace(mine, d.out);
  return frames;
}

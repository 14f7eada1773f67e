import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ffmpegTools, lastErrorLine, runTool, toolPath } from '../media/ffmpeg';
import { partialPath, sweepStalePartials } from '../media/partials';
import { probeVideo, type VideoStreamInfo } from '../media/probe';
import { engineSettings } from '../settings';
import { cacheEntryWritten, touchCacheEntry } from '../cache/cache-store';

/**
 * A scrub proxy: the source re-encoded with a keyframe every few frames, so decoding any frame
 * costs one decoder start plus at most GOP-1 frames. Camera and phone files often have one
 * keyframe every few seconds (talk3: one for the whole clip), and a frame near the end of such
 * a GOP took twice as long to decode as one near its start. Same size, rate and frame count as
 * the source (near-lossless), made once per video in the cache, in the background.
 */
const GOP = 4;
/** Above this many pixels (≈ 10 min of 1080p) a proxy costs more disk than scrubbing saves. */
const MAX_PIXELS = 2e10;

export interface ScrubSource {
  path: string;
  video: VideoStreamInfo;
}

/** Whether a proxy can stand in for the source frame for frame. */
export function proxyWorthwhile(video: VideoStreamInfo): boolean {
  return !video.variableFrameRate && video.rotation === 0 && video.width * video.height * video.frameCount <= MAX_PIXELS;
}

export async function scrubProxy(sourcePath: string, videoHash: string, video: VideoStreamInfo): Promise<ScrubSource> {
  const dir = join(engineSettings().cacheDir, 'scrub-proxies');
  const path = join(dir, `${videoHash}-${video.width}x${video.height}-g${GOP}.mp4`);
  if (!existsSync(path)) {
    await mkdir(dir, { recursive: true });
    await sweepStalePartials(dir);
    const tmp = partialPath(path);
    const args = [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-i',
      toolPath(sourcePath),
      '-map',
      `0:${video.index}`,
      '-an',
      '-sn',
      '-dn',
    ];
    args.push(
      '-fps_mode',
      'passthrough',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-crf',
      '12',
      '-g',
      String(GOP),
      '-bf',
      '0',
      '-pix_fmt',
      'yuv420p',
      '-y',
      toolPath(tmp),
    );
    const r = await runTool(ffmpegTools().ffmpeg, args);
    if (r.code !== 0) {
      await rm(tmp, { force: true });
      throw new Error(`scrub proxy failed (${lastErrorLine(r.stderr)})`);
    }
    await rename(tmp, path);
    await cacheEntryWritten(path);
  } else await touchCacheEntry(path);
  const proxy = (await probeVideo(path)).video;
  // A proxy that does not line up frame for frame would show the wrong picture: use the source.
  if (proxy.frameCount !== video.frameCount || proxy.width !== video.width || proxy.height !== video.height) {
    throw new Error(`scrub proxy does not match the source (${proxy.frameCount} vs ${video.frameCount} frames)`);
  }
  return { path, video: proxy };
}

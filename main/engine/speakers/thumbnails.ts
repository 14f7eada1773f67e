import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { RedubError } from '../errors';
import type { FaceTrack } from '../face/types';
import { lastErrorLine, runTool, ffmpegTools, toolPath } from '../media/ffmpeg';
import { engineSettings } from '../settings';
import type { VideoSpeaker } from './speakers';

/** Thumbnail side in pixels. */
const SIDE = 128;

/** The face box of the speaker's thumbnail frame, grown to a square with some hair and chin around it. */
function thumbnailBox(track: FaceTrack, s: VideoSpeaker): { x: number; y: number; side: number } {
  const face = track.frames[s.thumbnailFrame].faces.find((f) => s.trackIds.includes(f.trackId))!;
  const side = Math.min(track.width, track.height, Math.round(1.5 * Math.max(face.box.w, face.box.h)));
  const cx = face.box.x + face.box.w / 2,
    cy = face.box.y + face.box.h / 2;
  const x = Math.round(Math.min(Math.max(0, cx - side / 2), track.width - side));
  const y = Math.round(Math.min(Math.max(0, cy - side / 2), track.height - side));
  return { x, y, side };
}

/**
 * Writes each speaker's face as a PNG into the cache (`cacheDir/speakers/`), once per video,
 * frame and box; returns the paths by speaker id.
 */
export async function speakerThumbnails(videoPath: string, track: FaceTrack, speakers: VideoSpeaker[]): Promise<Map<string, string>> {
  const dir = join(engineSettings().cacheDir, 'speakers');
  await mkdir(dir, { recursive: true });
  const out = new Map<string, string>();
  for (const s of speakers) {
    const b = thumbnailBox(track, s);
    const path = join(dir, `${track.videoHash.slice(0, 24)}-${s.thumbnailFrame}-${b.x}-${b.y}-${b.side}.png`);
    if (!existsSync(path)) await writeThumbnail(videoPath, (s.thumbnailFrame + 0.5) / track.fps, b, path);
    out.set(s.id, path);
  }
  return out;
}

async function writeThumbnail(videoPath: string, time: number, b: { x: number; y: number; side: number }, path: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp.png`;
  const vf = `crop=${b.side}:${b.side}:${b.x}:${b.y},scale=${SIDE}:${SIDE}:flags=area`;
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-ss', time.toFixed(3), '-i', toolPath(videoPath)];
  const r = await runTool(ffmpegTools().ffmpeg, [...args, '-frames:v', '1', '-vf', vf, toolPath(tmp)]);
  if (r.code !== 0) throw new RedubError('FFMPEG_FAILED', `could not write a speaker thumbnail: ${lastErrorLine(r.stderr)}`, videoPath);
  await rename(tmp, path);
}

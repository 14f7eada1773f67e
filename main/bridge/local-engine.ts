import { RedubError } from '../engine/errors';
import { ffmpegTools, lastErrorLine, runTool, toolPath } from '../engine/media/ffmpeg';
import { describeDub, describeSource } from '../engine/project/create-project';
import { PreviewCache } from '../engine/preview/preview-cache';
import { renderPreviewFrame } from '../engine/preview/preview-frame';
import { encodePng } from './png';
import { speakerFaces } from '../engine/speakers/speaker-faces';
import type { EditorEngine } from './engine-port';

const PEAK_RATE = 8000;

/** The engine, in this process: thin wrappers over main/engine/media. */
export function createLocalEngine(): EditorEngine {
  // One preview cache per open project: its face track, lip-sync plan and mouth bank.
  const previews = new Map<string, PreviewCache>();
  const previewCache = (projectId: string) => {
    let c = previews.get(projectId);
    if (!c) previews.set(projectId, (c = new PreviewCache()));
    return c;
  };
  return {
    async describeMedia(path, role) {
      return role === 'source' ? describeSource(path) : describeDub(path);
    },

    describeSpeakers: (videoPath) => speakerFaces(videoPath),

    async extractFrame(path, time, maxWidth) {
      const { ffmpeg } = ffmpegTools();
      // -ss before -i seeks to the keyframe then decodes forward: accurate and fast for previews.
      const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-ss', time.toFixed(4), '-i', toolPath(path)];
      args.push('-frames:v', '1', '-vf', `scale='min(${maxWidth},iw)':-2`, '-f', 'image2pipe', '-c:v', 'mjpeg', '-q:v', '3', 'pipe:1');
      const r = await runTool(ffmpeg, args);
      if (r.code !== 0 || r.stdout.length === 0) {
        throw new RedubError('MEDIA_UNREADABLE', `cannot decode a frame at ${time.toFixed(2)} s (${lastErrorLine(r.stderr)})`, path);
      }
      return new Uint8Array(r.stdout);
    },

    async waveformPeaks(path, peaksPerSecond) {
      const { ffmpeg } = ffmpegTools();
      const args = [
        '-hide_banner',
        '-nostdin',
        '-loglevel',
        'error',
        '-i',
        toolPath(path),
        '-vn',
        '-ac',
        '1',
        '-ar',
        String(PEAK_RATE),
        '-f',
        's16le',
        'pipe:1',
      ];
      const r = await runTool(ffmpeg, args);
      if (r.code !== 0) throw new RedubError('MEDIA_UNREADABLE', `cannot decode audio (${lastErrorLine(r.stderr)})`, path);
      const samples = new Int16Array(r.stdout.buffer, r.stdout.byteOffset, Math.floor(r.stdout.length / 2));
      const bucket = Math.max(1, Math.round(PEAK_RATE / peaksPerSecond));
      const peaks: number[] = [];
      for (let i = 0; i < samples.length; i += bucket) {
        let max = 0;
        const end = Math.min(samples.length, i + bucket);
        for (let j = i; j < end; j++) max = Math.max(max, Math.abs(samples[j]));
        peaks.push(Math.round((max / 32768) * 1000) / 1000);
      }
      return { peaks, duration: samples.length / PEAK_RATE };
    },

    async renderLipsyncFrame(req) {
      const started = performance.now();
      const img = await renderPreviewFrame(req, previewCache(req.projectId));
      const png = encodePng(img.data, img.width, img.height);
      const { width, height, frameIndex, lipsynced, expression, mouthBox } = img;
      return { png, width, height, frameIndex, lipsynced, expression, mouthBox, ms: performance.now() - started };
    },

    async warmPreview({ projectId, videoPath, dub }) {
      previewCache(projectId).warm(videoPath, dub);
    },

    async releasePreview(projectId) {
      const cache = previews.get(projectId);
      previews.delete(projectId);
      await cache?.close();
    },
  };
}

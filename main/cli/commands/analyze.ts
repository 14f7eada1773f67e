import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { analyzeVideoReport, type AnalysisReport } from '../../engine/face/analyze';
import type { DetectorChoice } from '../../engine/face/track/tracker';
import { RedubError } from '../../engine/errors';
import { endProgress, printJson, printProgress } from '../output';
import { speakerThumbnails } from '../../engine/speakers/thumbnails';
import { videoSpeakers } from '../../engine/speakers/speakers';

interface AnalyzeCliOptions {
  json?: boolean;
  detector: DetectorChoice;
  mainTrack?: string;
  maxFrames?: string;
  noCache?: boolean;
  cache?: boolean;
}

interface TrackSummary {
  trackId: number;
  frames: number;
  firstFrame: number;
  lastFrame: number;
  meanScore: number;
}

function summariseTracks(r: AnalysisReport): TrackSummary[] {
  const byId = new Map<number, TrackSummary>();
  for (const f of r.track.frames) {
    for (const face of f.faces) {
      const s = byId.get(face.trackId) ?? { trackId: face.trackId, frames: 0, firstFrame: f.index, lastFrame: f.index, meanScore: 0 };
      s.frames++;
      s.lastFrame = f.index;
      s.meanScore += face.score;
      byId.set(face.trackId, s);
    }
  }
  return [...byId.values()].map((s) => ({ ...s, meanScore: s.meanScore / s.frames }));
}

export function summariseAnalysis(r: AnalysisReport) {
  const frames = r.track.frames;
  const withFace = frames.filter((f) => f.faces.length > 0).length;
  return {
    frames: frames.length,
    framesWithFace: withFace,
    facePercent: frames.length ? (100 * withFace) / frames.length : 0,
    maxFacesInFrame: Math.max(0, ...frames.map((f) => f.faces.length)),
    tracks: summariseTracks(r),
    mainTrackId: r.track.mainTrackId,
    width: r.track.width,
    height: r.track.height,
    fps: r.track.fps,
    fromCache: r.fromCache,
    seconds: r.seconds,
    analysisFps: r.seconds > 0 ? frames.length / r.seconds : 0,
    detections: r.detections,
    cachePath: r.cachePath,
  };
}

/** The people across shots (re-identified), with a thumbnail PNG each in the cache, and the scene cuts. */
async function speakersSummary(video: string, r: AnalysisReport) {
  const speakers = videoSpeakers(r.track);
  const thumbs = await speakerThumbnails(video, r.track, speakers);
  return {
    speakers: speakers.map((p) => ({
      id: p.id,
      name: p.name,
      frames: p.frames,
      thumbnail: thumbs.get(p.id)!,
      firstFrame: p.firstFrame,
      trackIds: p.trackIds,
    })),
    cuts: r.track.cuts ?? [],
  };
}

function optionalInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new RedubError('INVALID_ARGUMENT', `--${name} expects a whole number, got "${v}"`);
  return n;
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('find and track faces in a video (cached): faces per frame, tracks, main speaker, speed')
    .argument('<video>', 'video file')
    .addOption(new Option('--detector <range>', 'face detector').choices(['auto', 'short', 'full']).default('auto'))
    .option('--main-track <id>', 'use this track as the main speaker')
    .option('--max-frames <n>', 'analyse only the first n frames')
    .option('--no-cache', 'recompute even if a cached analysis exists (and do not store it)')
    .option('--json', 'machine-readable output')
    .action(async (video: string, o: AnalyzeCliOptions) => {
      const r = await analyzeVideoReport(resolve(video), {
        detector: o.detector,
        mainTrackId: optionalInt('main-track', o.mainTrack),
        maxFrames: optionalInt('max-frames', o.maxFrames),
        cache: o.cache !== false,
        onProgress: o.json ? undefined : (p) => printProgress('analyze', p),
      });
      endProgress();
      if (r.cacheWriteError) process.stderr.write(`redub: warning: analysis not cached (${r.cacheWriteError})\n`);
      const s = { ...summariseAnalysis(r), ...(await speakersSummary(resolve(video), r)) };
      if (o.json) return printJson(s);
      console.log(`${resolve(video)}: ${s.width}x${s.height} @ ${s.fps.toFixed(3)} fps`);
      console.log(
        `  faces    ${s.framesWithFace}/${s.frames} frames (${s.facePercent.toFixed(1)} %), up to ${s.maxFacesInFrame} per frame`,
      );
      for (const t of s.tracks) {
        const main = t.trackId === s.mainTrackId ? '  (main speaker)' : '';
        console.log(`  track ${t.trackId}  frames ${t.firstFrame}–${t.lastFrame} (${t.frames}), score ${t.meanScore.toFixed(2)}${main}`);
      }
      for (const p of s.speakers)
        console.log(`  ${p.id}  "${p.name}"  ${p.frames} frames on screen, tracks ${p.trackIds.join(', ')}  ${p.thumbnail}`);
      console.log(`  cuts     ${s.cuts.length ? s.cuts.join(', ') : 'none'}`);
      const how = s.fromCache ? 'from cache' : `${s.analysisFps.toFixed(1)} fps, ${s.detections} detector runs`;
      console.log(`  time     ${s.seconds.toFixed(2)} s (${how})`);
    });
}

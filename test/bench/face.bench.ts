/**
 * Face analysis speed (decode + detection on loss + Face Mesh per frame + smoothing) on talk1
 * scaled to 1280×720 at 25 fps. Exports the rows for the bench runner (test/bench/run.ts);
 * run alone with `npx tsx test/bench/face.bench.ts`.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeVideoReport } from '../../main/engine/face/analyze';
import { faceModelRuns } from '../../main/engine/face/models/sessions';
import { configureEngine } from '../../main/engine/settings';
import { ffmpeg, removeDir, sharedDir, sharedMedia, tmpDir } from '../helpers/media';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  target?: string;
}

const FPS = 25;

async function make720p(dir: string): Promise<string> {
  const out = join(dir, 'talk1-720p.mp4');
  // Looped once (~12 s) so start-up costs do not dominate.
  await ffmpeg(['-stream_loop', '1', '-i', sharedMedia('talk1.mp4'), '-vf', `scale=1280:720,fps=${FPS}`, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-an', out]);
  return out;
}

export default async function faceBench(): Promise<BenchRow[]> {
  const dir = tmpDir('redub-face-bench-');
  try {
    configureEngine({ modelsDir: join(sharedDir(), 'models'), cacheDir: join(dir, 'cache') });
    const clip = await make720p(dir);
    // Warm-up: model verification, sessions, JIT; not part of the steady-state speed.
    await analyzeVideoReport(clip, { cache: false, maxFrames: 5 });
    const meshBefore = faceModelRuns['face-mesh-468'];
    const r = await analyzeVideoReport(clip, { cache: false });
    const meshRuns = faceModelRuns['face-mesh-468'] - meshBefore;
    const frames = r.track.frames.length;
    const fps = frames / r.seconds;
    const found = r.track.frames.filter((f) => f.faces.length).length;
    await analyzeVideoReport(clip); // stores the analysis
    const hit = await analyzeVideoReport(clip);
    return [
      { name: 'face analysis 720p', value: fps, unit: 'fps', target: `>= ${4 * FPS}` },
      { name: 'face analysis 720p vs real time (25 fps)', value: fps / FPS, unit: 'x', target: '>= 4' },
      { name: 'face analysis 720p: frames with a face', value: (100 * found) / frames, unit: '%', target: '>= 99' },
      { name: 'face analysis 720p: detector runs', value: r.detections, unit: 'runs' },
      { name: 'face analysis 720p: mesh runs per frame', value: meshRuns / frames, unit: 'runs' },
      { name: 'face analysis cache hit (12 s of 720p)', value: hit.seconds * 1000, unit: 'ms' },
    ];
  } finally {
    removeDir(dir);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await faceBench()) console.log(`${row.name.padEnd(48)} ${row.value.toFixed(2).padStart(9)} ${row.unit}${row.target ? `  (target ${row.target})` : ''}`);
}

/**
 * Face analysis speed — decode + detection (on loss / once a second) + Face Mesh per frame +
 * smoothing — on talk1 scaled to 1280×720 at 25 fps, as fps and as a multiple of real time.
 * `npm run bench -- face` (or `--quick` for one pass of the clip instead of two).
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeVideoReport } from '../../main/engine/face/analyze';
import { faceModelRuns } from '../../main/engine/face/models/sessions';
import { configureEngine } from '../../main/engine/settings';
import { ffmpeg, removeDir, sharedDir, sharedMedia, tmpDir } from '../helpers/media';
import { cpuSeconds, row, type BenchContext, type BenchRow } from './lib';

const FPS = 25;
const TARGET_REALTIME = 4;

/** talk1 at 1280×720, 25 fps; looped once (~12 s) unless quick, so start-up does not dominate. */
async function input720p(ctx: BenchContext): Promise<string> {
  const loops = ctx.quick ? 0 : 1;
  const path = join(ctx.cacheDir, `talk1-720p-x${loops + 1}.mp4`);
  if (existsSync(path)) return path;
  ctx.log('making the 720p input');
  const tmp = path.replace(/\.mp4$/, '.tmp.mp4');
  await ffmpeg([
    '-stream_loop',
    String(loops),
    '-i',
    sharedMedia('talk1.mp4'),
    '-vf',
    `scale=1280:720,fps=${FPS}`,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '18',
    '-an',
    tmp,
  ]);
  renameSync(tmp, path);
  return path;
}

export default async function faceBench(ctx: BenchContext): Promise<BenchRow[]> {
  const cacheDir = tmpDir('redub-face-bench-');
  try {
    configureEngine({ modelsDir: join(sharedDir(), 'models'), cacheDir });
    const clip = await input720p(ctx);
    // Warm-up: model verification, sessions, JIT; not part of the steady-state speed.
    await analyzeVideoReport(clip, { cache: false, maxFrames: 5 });
    ctx.log('analysing');
    const meshBefore = faceModelRuns['face-mesh-468'];
    const cpu0 = cpuSeconds();
    const r = await analyzeVideoReport(clip);
    const cpu1 = cpuSeconds();
    const meshRuns = faceModelRuns['face-mesh-468'] - meshBefore;
    const frames = r.track.frames.length;
    const fps = frames / r.seconds;
    const found = (100 * r.track.frames.filter((f) => f.faces.length).length) / frames;
    const hit = await analyzeVideoReport(clip);
    return [
      row('analysis 720p', fps, 'fps', { text: `≥ ${TARGET_REALTIME * FPS}`, ok: fps >= TARGET_REALTIME * FPS }),
      row('analysis 720p vs real time at 25 fps', fps / FPS, '×', { text: `≥ ${TARGET_REALTIME}`, ok: fps / FPS >= TARGET_REALTIME }),
      row('frames with a face', found, '%', { text: '≥ 99', ok: found >= 99 }),
      row('detector runs', r.detections, `of ${frames} frames`),
      row('mesh runs per frame', meshRuns / frames, ''),
      row('cached re-open', hit.seconds * 1000, 'ms', { text: 'no model run', ok: hit.fromCache }),
      ...cpuRows(cpu0, cpu1, frames),
    ];
  } finally {
    removeDir(cacheDir);
  }
}

/** Per-frame CPU of the analysis (node + ONNX) and of the decoder, and the fps two free cores would give. */
function cpuRows(a: ReturnType<typeof cpuSeconds>, b: ReturnType<typeof cpuSeconds>, frames: number): BenchRow[] {
  if (!a || !b) return [];
  const node = ((b.self - a.self) * 1000) / frames;
  const decoder = ((b.children - a.children) * 1000) / frames;
  const bound = 1000 / Math.max(node, decoder, 1e-3);
  return [
    row('CPU per frame: analysis (node + ONNX)', node, 'ms'),
    row('CPU per frame: ffmpeg decoder', decoder, 'ms'),
    row('fps on 2 free cores (CPU-bound estimate)', bound, 'fps', {
      text: `≥ ${TARGET_REALTIME * FPS}`,
      ok: bound >= TARGET_REALTIME * FPS,
    }),
  ];
}

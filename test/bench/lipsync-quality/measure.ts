/** Renders and measures one case of the lip-sync quality table. */
import { join } from 'node:path';
import { evaluateLipSync, type EvalResult } from '../../../main/engine/analysis/eval';
import { runDub } from '../../../main/engine/dub/dub';
import { analyzeVideo } from '../../../main/engine/face/analyze';
import { probeVideo } from '../../../main/engine/media/probe';
import { planBuiltinLipsync } from '../../../main/engine/lipsync/builtin/plan';
import { cpuSeconds } from '../lib';
import type { BenchCase } from './cases';
import type { BenchInputs } from './inputs';

export interface QualityRow {
  clip: string;
  dub: string;
  kind: BenchCase['kind'] | 'held-out baseline';
  frames: number;
  /** Openness–loudness correlation of the video with its audio, best lag ±2, and the lag. */
  loudness: number;
  loudnessLag: number;
  /** The same for the undubbed source frames with this dub audio (what doing nothing scores). */
  original?: number;
  truthR?: number;
  truthBest?: number;
  truthLag?: number;
  /** % of face height. */
  lmd?: number;
  noseP95?: number;
  /** The nose's shift in the image (pixels, not landmarks), p95, % of face height. */
  noseImgP95?: number;
  psnr?: number;
  jitterRatio?: number;
  mouthChangeRatio?: number;
  auc: number;
  /** Wall seconds of the whole dub (runDub) and of planBuiltinLipsync alone, in this process. */
  dubSeconds?: number;
  planSeconds?: number;
  /** The same in CPU seconds (this process + its ffmpeg children): what the neighbours on a shared machine do not change. */
  dubCpu?: number;
  planCpu?: number;
}

function fromEval(c: { clip: string; dub: string; kind: QualityRow['kind'] }, r: EvalResult): QualityRow {
  return {
    ...c,
    frames: r.frames,
    loudness: r.loudnessBestCorrelation,
    loudnessLag: r.loudnessBestLag,
    truthR: r.truth?.opennessCorrelation,
    truthBest: r.truth?.opennessBestCorrelation,
    truthLag: r.truth?.opennessBestLag,
    lmd: r.truth?.lipLandmarkDistance,
    noseP95: r.noseDriftP95,
    noseImgP95: r.noseShiftP95,
    psnr: r.psnrOutsideLowerFace,
    jitterRatio: r.jitterRatio,
    mouthChangeRatio: r.mouthChangeRatio,
    auc: r.speechSilenceAuc,
  };
}

const cpuNow = () => {
  const c = cpuSeconds();
  return c ? c.self + c.children : NaN;
};

type Timing = Pick<QualityRow, 'dubSeconds' | 'planSeconds' | 'dubCpu' | 'planCpu'>;

/**
 * `redub dub --lipsync builtin` with default settings (the same runDub the CLI calls), then the
 * plan alone (the engine does not report its plan time): planBuiltinLipsync on the same inputs.
 */
async function dubBuiltin(video: string, audio: string, out: string): Promise<Timing> {
  const c0 = cpuNow();
  const s = await runDub({ video, audio, out, lipsync: { engine: 'builtin' } });
  const dubCpu = cpuNow() - c0;
  // Cached by the dub's face stage; read before the clock starts: in an export the plan gets the
  // track from the face stage (reading the cache here costs an ffprobe, ~0.15 s of CPU, not planning).
  const track = await analyzeVideo(video);
  const c1 = cpuNow();
  const t0 = performance.now();
  await planBuiltinLipsync({ videoPath: video, track, dubPath: audio, dubOffset: 0, outputFrames: s.frames });
  return { dubSeconds: s.seconds, planSeconds: (performance.now() - t0) / 1000, dubCpu, planCpu: cpuNow() - c1 };
}

export async function measureCase(c: BenchCase, inputs: BenchInputs, workDir: string): Promise<QualityRow[]> {
  const source = inputs.source(c.clip);
  const out = join(workDir, `${c.clip}-${c.dub}.mp4`);
  if (c.kind === 'natural') return [fromEval(c, await evaluateLipSync({ video: source, audio: source }))];
  if (c.kind === 'held-out') {
    const h = await inputs.heldOut(c.clip, (await probeVideo(source)).video.fps);
    const timing = await dubBuiltin(h.video, h.audio, out);
    const dubbed = await evaluateLipSync({ video: out, audio: h.audio, reference: h.video, truth: h.truth });
    const kept = await evaluateLipSync({ video: h.video, audio: h.audio, truth: h.truth });
    return [
      { ...fromEval(c, dubbed), ...timing },
      fromEval({ clip: c.clip, dub: 'keep original frames', kind: 'held-out baseline' }, kept),
    ];
  }
  const audio = await inputs.dub(c.dub);
  const timing = await dubBuiltin(source, audio, out);
  const dubbed = await evaluateLipSync({ video: out, audio, reference: source });
  const original = await evaluateLipSync({ video: source, audio });
  return [{ ...fromEval(c, dubbed), ...timing, original: original.loudnessBestCorrelation }];
}

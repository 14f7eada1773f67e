import type { Command } from 'commander';
import { resolve } from 'node:path';
import { evaluateLipSync, type EvalResult } from '../../engine/analysis/eval';
import { printJson } from '../output';

interface EvalCliOptions {
  video: string;
  audio: string;
  reference?: string;
  json?: boolean;
}

function fmt(v: number | undefined, digits: number): string {
  if (v === undefined) return '–';
  if (Number.isNaN(v)) return 'n/a';
  return Number.isFinite(v) ? v.toFixed(digits) : 'inf';
}

/** JSON has no Infinity or NaN: identical images give "inf", undefined measures null. */
function jsonSafe(r: EvalResult): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(r).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? null : 'inf') : v]),
  );
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('measure lip sync: mouth/speech AUC, loudness correlation, PSNR outside the lower face, jitter')
    .requiredOption('--video <file>', 'video to evaluate (e.g. a dub output)')
    .requiredOption('--audio <file>', 'audio the lips should follow')
    .option('--reference <file>', 'original video, for PSNR outside the lower face')
    .option('--json', 'machine-readable output')
    .action(async (o: EvalCliOptions) => {
      const r = await evaluateLipSync({
        video: resolve(o.video),
        audio: resolve(o.audio),
        reference: o.reference ? resolve(o.reference) : undefined,
      });
      if (o.json) return printJson(jsonSafe(r));
      console.log(`${resolve(o.video)} vs ${resolve(o.audio)}`);
      console.log(
        `  frames        ${r.frames} @ ${r.fps.toFixed(3)} fps, face on ${r.faceFrames}; speech ${r.speechFrames}, silence ${r.silentFrames}`,
      );
      console.log(`  AUC           ${fmt(r.speechSilenceAuc, 3)}  (mouth openness, speech vs silence; 0.5 = unrelated)`);
      console.log(`  correlation   ${fmt(r.loudnessCorrelation, 3)}  (mouth openness vs loudness)`);
      console.log(`  PSNR outside  ${fmt(r.psnrOutsideLowerFace, 2)} dB  (lower face excluded)`);
      console.log(`  jitter        ${fmt(r.landmarkJitter, 5)}  (eye corners, face heights per frame)`);
      console.log(`  time          ${r.seconds.toFixed(2)} s`);
    });
}

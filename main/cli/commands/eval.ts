import type { Command } from 'commander';
import { resolve } from 'node:path';
import { evaluateLipSync, type EvalResult } from '../../engine/analysis/eval';
import { printJson } from '../output';

interface EvalCliOptions {
  video: string;
  audio: string;
  reference?: string;
  truth?: string;
  json?: boolean;
}

function fmt(v: number | undefined, digits: number): string {
  if (v === undefined) return '–';
  if (Number.isNaN(v)) return 'n/a';
  return Number.isFinite(v) ? v.toFixed(digits) : 'inf';
}

/** JSON has no Infinity or NaN: identical images give "inf", undefined measures null. */
function jsonSafe(v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? null : 'inf';
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonSafe(x)]));
  return v;
}

function printReport(r: EvalResult, o: EvalCliOptions): void {
  const lag = (n: number) => `${n > 0 ? '+' : ''}${n}`;
  console.log(`${resolve(o.video)} vs ${resolve(o.audio)}`);
  console.log(
    `  frames        ${r.frames} @ ${r.fps.toFixed(3)} fps, face on ${r.faceFrames}; speech ${r.speechFrames}, silence ${r.silentFrames}`,
  );
  console.log(`  AUC           ${fmt(r.speechSilenceAuc, 3)}  (mouth openness, speech vs silence; 0.5 = unrelated)`);
  console.log(
    `  correlation   ${fmt(r.loudnessCorrelation, 3)}; best ${fmt(r.loudnessBestCorrelation, 3)} at lag ${lag(r.loudnessBestLag)}  (mouth openness vs loudness; lag > 0: lips lead)`,
  );
  console.log(`  jitter        ${fmt(r.landmarkJitter, 5)}  (eye corners, face heights per frame)`);
  if (o.reference) {
    console.log(`  vs reference  ${resolve(o.reference)}`);
    console.log(`    PSNR outside  ${fmt(r.psnrOutsideLowerFace, 2)} dB  (lower face excluded)`);
    console.log(`    nose drift    ${fmt(r.noseDriftP95, 2)} % of face height  (p95 over frames, mesh landmarks)`);
    console.log(`    nose shift    ${fmt(r.noseShiftP95, 2)} % of face height  (p95 over frames, nose pixels)`);
    console.log(
      `    jitter ratio  ${fmt(r.jitterRatio, 3)}  (stable landmarks, ${fmt(r.stableJitter, 5)} vs ${fmt(r.referenceStableJitter, 5)} face heights)`,
    );
    console.log(
      `    mouth change  ${fmt(r.mouthChangeRatio, 3)}  (mouth box, ${fmt(r.mouthChange, 2)} vs ${fmt(r.referenceMouthChange, 2)} grey levels per frame)`,
    );
  }
  if (r.truth) {
    const t = r.truth;
    console.log(`  vs truth      ${resolve(o.truth!)} (${t.frames} frames in common)`);
    console.log(
      `    openness r    ${fmt(t.opennessCorrelation, 3)}; best ${fmt(t.opennessBestCorrelation, 3)} at lag ${lag(t.opennessBestLag)}  (lag > 0: the video's mouth moves earlier)`,
    );
    console.log(`    LMD           ${fmt(t.lipLandmarkDistance, 2)} % of face height  (lip landmarks, own mouth frame)`);
  }
  console.log(`  time          ${r.seconds.toFixed(2)} s`);
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('measure lip sync: mouth/speech AUC, loudness correlation, identity and flicker vs a reference, mouth vs a truth video')
    .requiredOption('--video <file>', 'video to evaluate (e.g. a dub output)')
    .requiredOption('--audio <file>', 'audio the lips should follow')
    .option('--reference <file>', 'original video: PSNR outside the lower face, nose drift, jitter and mouth-change ratios')
    .option('--truth <file>', 'ground-truth video of the same audio: openness correlation and lip landmark distance')
    .option('--json', 'machine-readable output')
    .action(async (o: EvalCliOptions) => {
      const r = await evaluateLipSync({
        video: resolve(o.video),
        audio: resolve(o.audio),
        reference: o.reference ? resolve(o.reference) : undefined,
        truth: o.truth ? resolve(o.truth) : undefined,
      });
      if (o.json) return printJson(jsonSafe(r));
      printReport(r, o);
    });
}

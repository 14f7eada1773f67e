import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateLipSync } from '../../../main/engine/analysis/eval';
import { psnrOutsideLowerFaces } from '../../../main/engine/analysis/outside-faces-psnr';
import { runDub } from '../../../main/engine/dub/dub';
import { analyzeVideo } from '../../../main/engine/face/analyze';
import { analyzeSpeakers } from '../../../main/engine/speakers/analyze-speakers';
import { runCli } from '../../helpers/cli';
import { tmpDir } from '../../helpers/media';
import { sides } from '../../helpers/two-face-measure';
import { MODELS_DIR, useFaceEnv } from '../face/face-env';
import { makeSpanishLines, type SpanishLines } from './spanish-lines';
import { makeTwoFaceVideo } from './two-faces';

const dir = tmpDir('redub-two-speakers-');
let cacheDir = '';
let video = '';
let lines: SpanishLines;
let left = '';
let right = '';

beforeAll(async () => {
  cacheDir = useFaceEnv('redub-two-speakers-cache-');
  [video, lines] = await Promise.all([makeTwoFaceVideo(dir), makeSpanishLines(dir)]);
  const a = await analyzeSpeakers(video);
  const side = sides(a.track);
  left = a.speakers.find((s) => s.trackIds.includes(side.left))!.id;
  right = a.speakers.find((s) => s.trackIds.includes(side.right))!.id;
});

describe('two faces, each dubbed with its own line', () => {
  it('each face opens with its own clip only (AUC ≥ 0.75 each); nothing outside both lower faces changes (PSNR ≥ 40 dB)', async () => {
    const out = join(dir, 'two-lines.mp4');
    await runDub({
      video,
      audio: lines.both,
      out,
      lipsync: {
        engine: 'builtin',
        speakers: [
          { speaker: left, audioPath: lines.left, offset: 0 },
          { speaker: right, audioPath: lines.right, offset: 0 },
        ],
      },
    });
    const track = await analyzeVideo(out);
    const ids = sides(track);
    const l = await evaluateLipSync({ video: out, audio: lines.left, analyze: { mainTrackId: ids.left } });
    const r = await evaluateLipSync({ video: out, audio: lines.right, analyze: { mainTrackId: ids.right } });
    const before = {
      l: await evaluateLipSync({ video, audio: lines.left, analyze: { mainTrackId: sides(await analyzeVideo(video)).left } }),
      r: await evaluateLipSync({ video, audio: lines.right, analyze: { mainTrackId: sides(await analyzeVideo(video)).right } }),
    };
    const psnr = await psnrOutsideLowerFaces(out, video, track);
    console.info(
      `left AUC ${l.speechSilenceAuc.toFixed(3)} (source ${before.l.speechSilenceAuc.toFixed(3)}), right AUC ${r.speechSilenceAuc.toFixed(3)} ` +
        `(source ${before.r.speechSilenceAuc.toFixed(3)}), PSNR outside both lower faces ${psnr.toFixed(1)} dB`,
    );
    expect(l.speechSilenceAuc).toBeGreaterThanOrEqual(0.75);
    expect(r.speechSilenceAuc).toBeGreaterThanOrEqual(0.75);
    expect(psnr).toBeGreaterThanOrEqual(40);
  });

  it('--speakers auto: the line in the first half goes to the left face, the one in the second half to the right', async () => {
    const out = join(dir, 'auto.mp4');
    const r = await runCli(['dub', '--video', video, '--audio', lines.both, '--out', out, '--speakers', 'auto', '--json'], {
      REDUB_MODELS_DIR: MODELS_DIR,
      REDUB_CACHE_DIR: cacheDir,
    });
    expect(r.code, r.stderr).toBe(0);
    const assigned = JSON.parse(r.stdout).speakerLines as { start: number; end: number; speaker: string; scores: object }[];
    console.info(`assigned: ${JSON.stringify(assigned)}`);
    expect(assigned.length).toBeGreaterThanOrEqual(2);
    for (const a of assigned) expect(a.speaker).toBe((a.start + a.end) / 2 < 2.5 ? left : right);
    expect(new Set(assigned.map((a) => a.speaker)).size).toBe(2);
  });

  it('--speaker ID: the whole dub on the right face; the left face keeps its frames', async () => {
    const out = join(dir, 'right-only.mp4');
    const r = await runCli(['dub', '--video', video, '--audio', lines.both, '--out', out, '--speaker', right, '--json'], {
      REDUB_MODELS_DIR: MODELS_DIR,
      REDUB_CACHE_DIR: cacheDir,
    });
    expect(r.code, r.stderr).toBe(0);
    const track = await analyzeVideo(out);
    // Only the right face's lower face may differ: the left face counts as "outside".
    const psnr = await psnrOutsideLowerFaces(out, video, track, [sides(track).right]);
    console.info(`--speaker ${right}: PSNR outside the right lower face ${psnr.toFixed(1)} dB`);
    expect(psnr).toBeGreaterThanOrEqual(40);
    const bad = await runCli(['dub', '--video', video, '--audio', lines.both, '--out', join(dir, 'x.mp4'), '--speaker', 'speaker9'], {
      REDUB_MODELS_DIR: MODELS_DIR,
      REDUB_CACHE_DIR: cacheDir,
    });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/speaker "speaker9" is not in this video \(speakers: speaker1, speaker2\)/);
  });
});

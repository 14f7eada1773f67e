import { beforeAll, describe, expect, it } from 'vitest';
import { aucMannWhitney } from '../../../main/engine/analysis/stats';
import { frameLoudnessDb } from '../../../main/engine/analysis/loudness';
import { speechFrames } from '../../../main/engine/analysis/vad';
import { analyzeVideo, type FaceTrack } from '../../../main/engine/face';
import { mouthOpenness } from '../../../main/engine/face/geometry';
import { decodeAudio } from '../../../main/engine/media/audio-decode';
import { mainFaceAt, planBuiltinLipsync } from '../../../main/engine/lipsync/builtin/plan';
import { join } from 'node:path';
import { pearson } from '../../../main/engine/analysis/stats';
import { LIP_CONTOUR, mouthShape } from '../../../main/engine/lipsync/builtin/mouth-shape';
import { ffmpeg, makeSpeech, sharedMedia, tmpDir } from '../../helpers/media';
import { useFaceEnv } from '../face/face-env';
import { makeDubWithPauses } from './dub-with-pauses';

const dir = tmpDir('redub-plan-');
const talk3 = sharedMedia('talk3.mp4');
let track: FaceTrack;
let dub: string;

/** AUC of the chosen mouths' openness between speech and silent frames of the dub. */
async function chosenOpennessAuc(choice: Int32Array, audio: string): Promise<number> {
  const open = Array.from(choice, (s) => mouthOpenness(mainFaceAt(track, s)!.landmarks));
  const speech = speechFrames(frameLoudnessDb(await decodeAudio(audio, { sampleRate: 16000 }), 16000, track.fps, choice.length));
  return aucMannWhitney(
    open.filter((_, i) => speech[i]),
    open.filter((_, i) => !speech[i]),
  );
}

beforeAll(async () => {
  useFaceEnv('redub-plan-cache-');
  track = await analyzeVideo(talk3);
  dub = await makeDubWithPauses(dir);
});

describe('built-in lip-sync plan on talk3', () => {
  it('opens the mouth for the dub’s speech and closes it in its pauses', async () => {
    const plan = await planBuiltinLipsync({ videoPath: talk3, track, dubPath: dub, dubOffset: 0, outputFrames: track.frames.length });
    expect(plan.bankFrames).toBeGreaterThan(100);
    expect(await chosenOpennessAuc(plan.choice, dub)).toBeGreaterThanOrEqual(0.85);
  });

  it('learns the mouth from the source: trained on talk3’s first 3 s, it predicts the last 2 s (held out)', async () => {
    const video = join(dir, 'talk3-first3.mp4');
    const dubPart = join(dir, 'talk3-from3.wav');
    await ffmpeg(['-i', talk3, '-t', '3', '-c:v', 'libx264', '-crf', '12', '-c:a', 'aac', video]);
    await ffmpeg(['-ss', '3', '-i', talk3, '-vn', '-ac', '1', dubPart]);
    const head = await analyzeVideo(video);
    const plan = await planBuiltinLipsync({ videoPath: video, track: head, dubPath: dubPart, dubOffset: 0, outputFrames: 50 });
    expect(plan.target).toHaveLength(50);
    expect(plan.target[0]).toHaveLength(LIP_CONTOUR.length * 2);
    expect(plan.model.trainFrames).toBeGreaterThan(60);
    // Inner-lip gap of the target (points 13 and 14) against the true mouth for that audio.
    const [upper, lower] = [LIP_CONTOUR.indexOf(13), LIP_CONTOUR.indexOf(14)];
    const wanted = plan.target.map((m) => m[2 * lower + 1] - m[2 * upper + 1]);
    const truth = wanted.map((_, i) => {
      const m = mouthShape(mainFaceAt(track, 75 + i)!.landmarks);
      return m[2 * lower + 1] - m[2 * upper + 1];
    });
    const chosen = Array.from(plan.choice, (s) => mouthOpenness(mainFaceAt(head, s)!.landmarks));
    console.info(`talk3 held-out: target r=${pearson(wanted, truth).toFixed(3)}, chosen r=${pearson(chosen, truth).toFixed(3)}`);
    expect(pearson(wanted, truth)).toBeGreaterThanOrEqual(0.5);
    expect(pearson(chosen, truth)).toBeGreaterThanOrEqual(0.45);
  });

  it('with the clip’s own audio, mostly keeps the original frame order', async () => {
    const plan = await planBuiltinLipsync({ videoPath: talk3, track, dubPath: talk3, dubOffset: 0, outputFrames: track.frames.length });
    const inPlace = plan.choice.filter((s, i) => s === i).length;
    expect(inPlace / plan.choice.length).toBeGreaterThan(0.8);
  });

  it('closes the lips on p, b, m where the script says (espeak-ng dub with known text)', async () => {
    const text = 'mama papa bebe, mama papa';
    const wav = await makeSpeech('en', text, join(dir, 'mama.wav'));
    const frames = Math.round((await decodeAudio(wav, { sampleRate: 16000 })).length / 640);
    const plan = await planBuiltinLipsync({
      videoPath: talk3,
      track,
      dubPath: wav,
      dubOffset: 0,
      outputFrames: frames,
      script: [{ start: 0, end: frames / 25, text }],
      language: 'en',
    });
    const closures = plan.visemes.filter((e) => e.viseme === 'closed');
    expect(closures.map((e) => e.phoneme).join('')).toBe('mmppbbmmpp');
    // Each closure lands on a dip of the dub's loudness (the stop or the nasal), within a frame.
    const loud = frameLoudnessDb(await decodeAudio(wav, { sampleRate: 16000 }), 16000, 25, frames);
    const open = Array.from(plan.choice, (s) => mouthOpenness(mainFaceAt(track, s)!.landmarks));
    const at = (e: { start: number; end: number }) => Math.min(frames - 1, Math.round(((e.start + e.end) / 2) * 25 - 0.5));
    const vowels = plan.visemes.filter((e) => e.viseme === 'open').map(at);
    const meanOf = (xs: number[], f: (i: number) => number) => xs.reduce((s, i) => s + f(i), 0) / xs.length;
    expect(meanOf(closures.map(at), (i) => Math.min(...[i - 1, i, i + 1].map((j) => loud[Math.max(0, j)])))).toBeLessThan(
      meanOf(vowels, (i) => loud[i]) - 3,
    );
    expect(meanOf(closures.map(at), (i) => open[i])).toBeLessThan(0.4 * meanOf(vowels, (i) => open[i]));
    // A script that is not what the dub says does not align, and is ignored.
    const wrong = await planBuiltinLipsync({
      videoPath: talk3,
      track,
      dubPath: wav,
      dubOffset: 0,
      outputFrames: frames,
      script: [{ start: 0, end: frames / 25, text: 'hello world, how are you today' }],
      language: 'en',
    });
    expect(wrong.visemes).toHaveLength(0);
  });

  it('keeps the mouth where the source repeats its picture, and never shows a repeated frame’s mouth', async () => {
    const repeats = [10, 20, 21, 40, 41, 42, 70, 100];
    const held = { ...track, repeats };
    const plan = await planBuiltinLipsync({ videoPath: talk3, track: held, dubPath: dub, dubOffset: 0, outputFrames: track.frames.length });
    for (const i of repeats) expect(plan.choice[i], `frame ${i}`).toBe(plan.choice[i - 1]);
    for (const i of repeats) expect(plan.target[i], `frame ${i}`).toBe(plan.target[i - 1]);
    expect(plan.choice.some((s) => repeats.includes(s))).toBe(false);
    // Elsewhere the mouth still moves: the plan is not one long hold.
    expect(new Set(plan.choice).size).toBeGreaterThan(10);
    const again = await planBuiltinLipsync({
      videoPath: talk3,
      track: held,
      dubPath: dub,
      dubOffset: 0,
      outputFrames: track.frames.length,
    });
    expect(Array.from(again.choice)).toEqual(Array.from(plan.choice));
  });

  it('refuses a bank shorter than 2 s of tracked face, naming the minimum', async () => {
    const short = { ...track, frames: track.frames.slice(0, 30) };
    await expect(planBuiltinLipsync({ videoPath: talk3, track: short, dubPath: dub, dubOffset: 0, outputFrames: 30 })).rejects.toThrow(
      /at least 2 s of tracked face/,
    );
  });
});

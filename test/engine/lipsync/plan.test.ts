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
import { ffmpeg, sharedMedia, tmpDir } from '../../helpers/media';
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

  it('refuses a bank shorter than 2 s of tracked face, naming the minimum', async () => {
    const short = { ...track, frames: track.frames.slice(0, 30) };
    await expect(planBuiltinLipsync({ videoPath: talk3, track: short, dubPath: dub, dubOffset: 0, outputFrames: 30 })).rejects.toThrow(
      /at least 2 s of tracked face/,
    );
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { aucMannWhitney } from '../../../main/engine/analysis/stats';
import { frameLoudnessDb } from '../../../main/engine/analysis/loudness';
import { speechFrames } from '../../../main/engine/analysis/vad';
import { analyzeVideo, type FaceTrack } from '../../../main/engine/face';
import { mouthOpenness } from '../../../main/engine/face/geometry';
import { decodeAudio } from '../../../main/engine/media/audio-decode';
import { mainFaceAt, planBuiltinLipsync } from '../../../main/engine/lipsync/builtin/plan';
import { sharedMedia, tmpDir } from '../../helpers/media';
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

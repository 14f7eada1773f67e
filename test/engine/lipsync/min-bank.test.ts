import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { analyzeVideo } from '../../../main/engine/face';
import { mainFaceAt, minBankFrames, planBuiltinLipsync } from '../../../main/engine/lipsync/builtin/plan';
import { ffmpeg, ffprobeJson, sharedMedia, tmpDir } from '../../helpers/media';
import { useFaceEnv } from '../face/face-env';

const dir = tmpDir('redub-min-bank-');
const talk3 = sharedMedia('talk3.mp4');
const speech = sharedMedia('speech1.wav');

async function cut(seconds: number): Promise<string> {
  const out = join(dir, `talk3-${seconds}s.mp4`);
  await ffmpeg(['-i', talk3, '-t', String(seconds), '-c:v', 'libx264', '-crf', '12', '-c:a', 'aac', out]);
  return out;
}

beforeAll(() => {
  useFaceEnv('redub-min-bank-cache-');
});

describe('the built-in lip-sync’s minimum of tracked face', () => {
  it('is 2 s in whole frames, rounded down, at any frame rate', () => {
    expect(minBankFrames(25)).toBe(50);
    expect(minBankFrames(30000 / 1001)).toBe(59);
    expect(minBankFrames(24000 / 1001)).toBe(47);
  });

  it('accepts a real 2.0 s clip (50 frames, some of them open-mouthed in silence)', async () => {
    const video = await cut(2);
    const probe = await ffprobeJson(video);
    expect(Number(probe.streams.find((s) => s.codec_type === 'video')!.nb_frames)).toBe(50);
    const track = await analyzeVideo(video);
    expect(track.frames.filter((_, i) => mainFaceAt(track, i)).length).toBe(50);
    const plan = await planBuiltinLipsync({ videoPath: video, track, dubPath: speech, dubOffset: 0, outputFrames: 50 });
    expect(plan.choice).toHaveLength(50);
    expect(plan.bankFrames).toBeGreaterThanOrEqual(50);
  }, 120_000);

  it('refuses 1.5 s in one line that says how much it found, rounded down', async () => {
    const video = await cut(1.5);
    const track = await analyzeVideo(video);
    const run = planBuiltinLipsync({ videoPath: video, track, dubPath: speech, dubOffset: 0, outputFrames: 38 });
    await expect(run).rejects.toThrow(/needs at least 2 s of tracked face.*; found 1\.5 s$/);
  }, 120_000);
});

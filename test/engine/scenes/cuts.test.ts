import { beforeAll, describe, expect, it } from 'vitest';
import { CutDetector } from '../../../main/engine/scenes/cut-detector';
import { detectCuts } from '../../../main/engine/scenes/detect-cuts';
import { readFrames } from '../../../main/engine/media/frame-reader';
import { probeVideo } from '../../../main/engine/media/probe';
import { sharedMedia, tmpDir } from '../../helpers/media';
import { makeCutVideo, SHOT_STARTS } from './shots';

const dir = tmpDir('redub-cuts-');
let cutVideo = '';

beforeAll(async () => {
  cutVideo = await makeCutVideo(dir);
});

describe('scene cut detection', () => {
  it('finds exactly the 2 cuts of talk3 | talk5 | talk3, at the first frame of each new shot', async () => {
    expect(await detectCuts(cutVideo)).toEqual(SHOT_STARTS.slice(1));
  });

  it('finds none in one continuous shot, however much the speaker moves', async () => {
    for (const clip of ['talk3', 'talk5']) expect(await detectCuts(sharedMedia(`${clip}.mp4`)), clip).toEqual([]);
  });

  it('keeps a cut well above the shot’s own frame differences (adaptive threshold)', async () => {
    const { video } = await probeVideo(cutVideo);
    const d = new CutDetector();
    for await (const f of readFrames(cutVideo, video, { width: 128, height: 128 })) d.push(f);
    const inShot = d.scores.filter((_, i) => !SHOT_STARTS.includes(i + 1));
    const atCuts = SHOT_STARTS.slice(1).map((c) => d.scores[c - 1]);
    console.info(`cut scores ${atCuts.map((s) => s.toFixed(3)).join(', ')}; max within shots ${Math.max(...inShot).toFixed(3)}`);
    expect(Math.min(...atCuts)).toBeGreaterThan(3 * Math.max(...inShot));
  });
});

describe('blank frames', () => {
  it('a black gap inside one shot is no cut; a new shot after black is one', async () => {
    const { ffmpeg } = await import('../../helpers/media');
    const { join } = await import('node:path');
    const same = join(dir, 'black-gap.mp4');
    await ffmpeg(['-i', sharedMedia('talk3.mp4'), '-frames:v', '50', '-vf', "drawbox=c=black:t=fill:enable='between(n,20,34)'", same]);
    expect(await detectCuts(same)).toEqual([]);
    const other = join(dir, 'black-then-talk5.mp4');
    await ffmpeg([
      '-i',
      same,
      '-i',
      sharedMedia('talk5.mp4'),
      '-filter_complex',
      '[0:v]trim=end_frame=30,scale=512:512,setsar=1[a];[1:v]trim=end_frame=20,scale=512:512,setsar=1[b];[a][b]concat=n=2:v=1',
      '-an',
      other,
    ]);
    expect(await detectCuts(other)).toEqual([30]);
  });
});

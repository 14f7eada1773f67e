import { join } from 'node:path';
import { ffmpeg, sharedMedia } from '../../helpers/media';

/** Where the cut video's shots start (frames at 25 fps): talk3 0–3 s, talk5 0–3 s, talk3 2–5 s. */
export const SHOT_STARTS = [0, 75, 150];

/** The cut video: three 3-s shots (talk3, talk5, talk3 again), 512², 25 fps, with their own audio. */
export async function makeCutVideo(dir: string): Promise<string> {
  const out = join(dir, 'cuts.mp4');
  const shot = (i: number, from: number) =>
    `[${i}:v]trim=start=${from}:duration=3,setpts=PTS-STARTPTS,scale=512:512,setsar=1,fps=25[v${i}];` +
    `[${i}:a]atrim=start=${from}:duration=3,asetpts=PTS-STARTPTS,aresample=48000[a${i}]`;
  await ffmpeg([
    '-i',
    sharedMedia('talk3.mp4'),
    '-i',
    sharedMedia('talk5.mp4'),
    '-i',
    sharedMedia('talk3.mp4'),
    '-filter_complex',
    `${shot(0, 0)};${shot(1, 0)};${shot(2, 2)};[v0][a0][v1][a1][v2][a2]concat=n=3:v=1:a=1[v][a]`,
    '-map',
    '[v]',
    '-map',
    '[a]',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-crf',
    '16',
    '-c:a',
    'aac',
    out,
  ]);
  return out;
}

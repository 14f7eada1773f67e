import { join } from 'node:path';
import { ffmpeg, sharedMedia } from '../../helpers/media';

/** Near-lossless and fast: the speaker tests' inputs lose no detail the measures read. */
export const TEST_ENCODE = ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '14', '-c:a', 'aac'];

/**
 * The two-face video: talk3 (left) and talk5 (right) side by side, both scaled to 400 px
 * high, 5 s at 25 fps. `audio`: talk3's own sound for 0–2.5 s, then talk5's (the active-speaker test).
 */
export async function makeTwoFaceVideo(dir: string): Promise<string> {
  const out = join(dir, 'two-faces.mp4');
  const v = '[0:v]scale=-2:400,setsar=1,fps=25[a];[1:v]scale=-2:400,setsar=1,fps=25[b];[a][b]hstack,trim=duration=5,setpts=PTS-STARTPTS[v]';
  const a =
    '[0:a]atrim=0:2.5,asetpts=PTS-STARTPTS,aresample=48000,aformat=channel_layouts=mono[x];[1:a]atrim=2.5:5,asetpts=PTS-STARTPTS,aresample=48000,aformat=channel_layouts=mono[y];[x][y]concat=n=2:v=0:a=1[a]';
  await ffmpeg(
    ['-i', sharedMedia('talk3.mp4'), '-i', sharedMedia('talk5.mp4'), '-filter_complex', `${v};${a}`, '-map', '[v]', '-map', '[a]'].concat([
      ...TEST_ENCODE,
      '-t',
      '5',
      out,
    ]),
  );
  return out;
}

import { join } from 'node:path';
import { ffmpeg, makeSpeech } from '../../helpers/media';

export interface SpanishLines {
  /** The left speaker's line alone, at 0–2.4 s of a 5-s timeline. */
  left: string;
  /** The right speaker's line alone, at 2.6–5 s. */
  right: string;
  /** Both lines in one file (one dub for `--speakers auto`). */
  both: string;
}

/** The two espeak-ng Spanish clips, each on the 5-s output timeline (silence elsewhere). */
export async function makeSpanishLines(dir: string): Promise<SpanishLines> {
  const a = await makeSpeech('es', 'Buenos días a todos y bienvenidos', join(dir, 'line-a.wav'));
  const b = await makeSpeech('es', 'Hoy hablamos de la música nueva', join(dir, 'line-b.wav'));
  const place = async (src: string, start: number, out: string) => {
    const delay = Math.round(start * 1000);
    const f = `atrim=0:2.4,aresample=48000,adelay=${delay}:all=1,apad=whole_dur=5`;
    await ffmpeg(['-i', src, '-af', f, '-ac', '1', join(dir, out)]);
    return join(dir, out);
  };
  const left = await place(a, 0, 'left.wav');
  const right = await place(b, 2.6, 'right.wav');
  const both = join(dir, 'both.wav');
  await ffmpeg(['-i', left, '-i', right, '-filter_complex', '[0:a][1:a]amix=inputs=2:normalize=0', both]);
  return { left, right, both };
}

import { join } from 'node:path';
import { ffmpeg, makeSpeech } from '../../helpers/media';

/** A Spanish espeak-ng dub of three phrases separated by ~1 s pauses (the test dub). */
export async function makeDubWithPauses(dir: string): Promise<string> {
  const phrases = ['Buenos días a todos, bienvenidos al programa.', 'Hoy hablamos de la música.', 'Muchas gracias.'];
  const files = await Promise.all(phrases.map((p, i) => makeSpeech('es', p, join(dir, `phrase${i}.wav`))));
  const out = join(dir, 'es-pauses.wav');
  const pause = ['-f', 'lavfi', '-t', '1', '-i', 'anullsrc=r=22050:cl=mono'];
  await ffmpeg([
    '-i',
    files[0],
    ...pause,
    '-i',
    files[1],
    ...pause,
    '-i',
    files[2],
    '-filter_complex',
    '[0:a][1:a][2:a][3:a][4:a]concat=n=5:v=0:a=1',
    out,
  ]);
  return out;
}

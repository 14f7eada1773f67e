import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sharedMedia } from '../../helpers/media';

export const TALK3 = sharedMedia('talk3.mp4');

/** The first `seconds` of talk3 with its audio, quick to encode (for tests where the export is not the point). */
export function talk3Cut(dir: string, name: string, seconds: number): string {
  const out = join(dir, name);
  const encode = ['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac'];
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', TALK3, '-t', String(seconds), ...encode, out]);
  return out;
}

/** A Spanish dub, synthesised on the spot (espeak-ng is a Debian package; no download). */
export function makeSpanishDub(dir: string): string {
  const out = join(dir, 'es.wav');
  if (existsSync(out)) return out;
  try {
    execFileSync('espeak-ng', ['-v', 'es', '-s', '150', '-w', out, 'Hola a todos. Hoy hablamos de banderas y de países.']);
  } catch {
    // No espeak-ng: a tone of speech-like length still exercises every editor path.
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=220:duration=3.7', '-ar', '22050', out]);
  }
  return out;
}

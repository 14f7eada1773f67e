import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const TALK3 = '/work/shared/media/talk3.mp4';

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

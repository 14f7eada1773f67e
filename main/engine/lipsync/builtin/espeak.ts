import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeAudio } from '../../media/audio-decode';
import { runTool } from '../../media/ffmpeg';

/**
 * espeak-ng as the script's phonetic reference: its phonemes for a text in a language, and its
 * own rendering of the text with a pause after every word, so word boundaries in the rendering
 * are known. An absent espeak-ng or an unknown voice gives `undefined`: lip-sync then follows
 * the audio alone.
 */
export const ESPEAK = process.platform === 'win32' ? 'espeak-ng.exe' : 'espeak-ng';

/** Pause after each word in the reference rendering (espeak-ng -g, units of 10 ms). */
export const WORD_GAP_MS = 300;

/** The script goes in on stdin, never as an argument: a line starting with '-' must not become an option. */
function scriptInput(text: string): Buffer {
  return Buffer.from(`${text}\n`, 'utf8');
}

/** Phoneme mnemonics per word (espeak-ng -x, stress and syllable marks dropped). */
export async function espeakPhonemes(text: string, voice: string): Promise<string[][] | undefined> {
  const r = await runTool(ESPEAK, ['-v', voice, '-q', '-x', '--sep=_', '--stdin'], scriptInput(text)).catch(() => undefined);
  if (!r || r.code !== 0) return undefined;
  return r.stdout
    .toString()
    .split(/\s+/)
    .map((w) =>
      w
        .split('_')
        .map((p) => p.replace(/[',%=#|]/g, '').replace(/^:+$/, ''))
        .filter((p) => p && p !== '**'),
    )
    .filter((w) => w.length > 0);
}

/** espeak-ng's rendering of the text, 16 kHz mono, with WORD_GAP_MS after each word. */
export async function espeakRender(text: string, voice: string, sampleRate: number): Promise<Float32Array | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'redub-espeak-'));
  try {
    const wav = join(dir, 'ref.wav');
    const r = await runTool(ESPEAK, ['-v', voice, '-z', '-g', String(WORD_GAP_MS / 10), '-w', wav, '--stdin'], scriptInput(text)).catch(
      () => undefined,
    );
    if (!r || r.code !== 0) return undefined;
    return await decodeAudio(wav, { sampleRate, channels: 1 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

import { writeFile } from 'node:fs/promises';
import { decodeAudio } from '../media/audio-decode';
import { ANALYSIS_RATE } from './active-speaker';
import type { SpeechStretch } from './stretches';

/** Fade at each edge of a kept stretch (s): no click for the audio features to read as speech. */
const RAMP = 0.01;

function wav16(samples: Float32Array, rate: number): Buffer {
  const buf = Buffer.alloc(44 + samples.length * 2);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + samples.length * 2, 4);
  buf.write('WAVEfmt ', 8, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(samples.length * 2, 40);
  samples.forEach((v, i) => buf.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), 44 + 2 * i));
  return buf;
}

/**
 * A speaker's own part of a dub, for their lip-sync only (the output's sound is the full dub):
 * the dub where their stretches are (output frames, dub starting at `offset` s), silence
 * elsewhere. Mono 16 kHz WAV, as long as the dub, so it keeps the dub's offset.
 */
export async function writeSpeakerAudio(
  dubPath: string,
  offset: number,
  fps: number,
  stretches: SpeechStretch[],
  out: string,
): Promise<void> {
  const dub = await decodeAudio(dubPath, { sampleRate: ANALYSIS_RATE, channels: 1 });
  const kept = new Float32Array(dub.length);
  const ramp = Math.round(RAMP * ANALYSIS_RATE);
  for (const s of stretches) {
    const a = Math.max(0, Math.round((s.start / fps - offset) * ANALYSIS_RATE));
    const b = Math.min(dub.length, Math.round((s.end / fps - offset) * ANALYSIS_RATE));
    for (let i = a; i < b; i++) kept[i] = dub[i] * Math.min(1, (i - a) / ramp, (b - 1 - i) / ramp);
  }
  await writeFile(out, wav16(kept, ANALYSIS_RATE));
}

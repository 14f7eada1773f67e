import { rename, rm } from 'node:fs/promises';
import { compileAudioMix, type AudioMix } from './audio-mix';
import { lastErrorLine, spawnFfmpeg, toolPath } from './ffmpeg';
import { RedubError } from '../errors';

/**
 * Renders an audio mix to a mono WAV: what lip-sync engines listen to when a language is made
 * of several clips (offsets, trims and gains applied, as in the final output).
 */
export async function renderMixToWav(mix: AudioMix, out: string, sampleRate = 16000): Promise<string> {
  const compiled = compileAudioMix(mix, 0);
  const tmp = toolPath(`${out}.partial-${process.pid}.wav`);
  const args = [
    ...compiled.inputs.flatMap((i) => ['-i', i]),
    '-filter_complex',
    compiled.filter,
    '-map',
    `[${compiled.label}]`,
    '-ac',
    '1',
    '-ar',
    String(sampleRate),
    '-y',
    tmp,
  ];
  const proc = spawnFfmpeg(args);
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  proc.stdout.resume();
  const code = await new Promise<number>((resolve) => proc.on('close', (c) => resolve(c ?? -1)));
  if (code !== 0) {
    await rm(tmp, { force: true });
    throw new RedubError('FFMPEG_FAILED', `cannot mix the dub clips (${lastErrorLine(stderr)})`, out);
  }
  await rename(tmp, out);
  return out;
}

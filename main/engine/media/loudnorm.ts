import { RedubError } from '../errors';
import { compileAudioMix, type AudioMix } from './audio-mix';
import { ffmpegTools, lastErrorLine, runTool } from './ffmpeg';

/** What ffmpeg's loudnorm measured of a whole mix (its first pass). */
export interface LoudnessMeasurement {
  input_i: string;
  input_tp: string;
  input_lra: string;
  input_thresh: string;
  target_offset: string;
}

/**
 * loudnorm's filter: without a measurement, the one-pass (dynamic) mode, which also prints the
 * measurement as JSON; with one, the two-pass linear mode, one gain for the whole file, so the
 * integrated loudness lands on the target (dynamic mode drifts by a LU or more on short clips).
 */
export function loudnormFilter(lufs: number, truePeakDb: number, measured?: LoudnessMeasurement): string {
  const base = `loudnorm=I=${lufs}:TP=${truePeakDb}:LRA=11`;
  if (!measured) return `${base}:print_format=json`;
  const m = measured;
  return `${base}:measured_I=${m.input_i}:measured_TP=${m.input_tp}:measured_LRA=${m.input_lra}:measured_thresh=${m.input_thresh}:offset=${m.target_offset}:linear=true`;
}

/** The first pass: the mix rendered to nothing, for loudnorm's measurement of it (audio only: seconds). */
export async function measureMixLoudness(mix: AudioMix, file: string): Promise<LoudnessMeasurement> {
  const c = compileAudioMix({ ...mix, loudnessMeasured: undefined }, 0);
  const args = [...c.inputs.flatMap((i) => ['-i', i]), '-filter_complex', c.filter, '-map', `[${c.label}]`, '-f', 'null', '-'];
  const r = await runTool(ffmpegTools().ffmpeg, ['-hide_banner', '-nostdin', ...args]);
  const stderr = r.stderr.toString();
  const json = /\{[^{}]*"input_i"[^{}]*\}/.exec(stderr)?.[0];
  if (r.code !== 0 || !json) throw new RedubError('FFMPEG_FAILED', `cannot measure the mix's loudness (${lastErrorLine(stderr)})`, file);
  return JSON.parse(json) as LoudnessMeasurement;
}

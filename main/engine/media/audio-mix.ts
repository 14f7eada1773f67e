import { fitFilters, type ClipFit } from './clip-fit';
import { toolPath } from './ffmpeg';
import { loudnormFilter, type LoudnessMeasurement } from './loudnorm';

/**
 * The audio of an output: a timeline of dub clips, optionally over the original track
 * (removed or ducked). Compiled to an ffmpeg filter graph so mixing streams and never
 * holds a whole track in memory.
 */
export interface DubClip {
  file: string;
  /** Where the clip starts on the output timeline, in seconds (may be negative: the head is cut). */
  start: number;
  /** Gain in dB (0 = unchanged). */
  gainDb?: number;
  /** Part of the source file to use, in seconds of the file. */
  trimStart?: number;
  trimEnd?: number;
  /** Audio stream index inside `file` (default: the first audio stream). */
  streamIndex?: number;
  /** Cut or time-stretched to its slot (media/clip-fit.ts); absent: plays as it is. */
  fit?: ClipFit;
}

export interface AudioMix {
  clips: DubClip[];
  /** The source video's own audio: omitted = removed; a gain in dB = ducked under the dub. */
  original?: { file: string; gainDb: number; streamIndex?: number };
  /** Output length in seconds: the mix is trimmed (and, with padSilence, padded) to it. */
  duration: number;
  /** Where on the clips' timeline the output starts, seconds (an In–Out export); default 0. */
  from?: number;
  /** Pad with silence so the audio stream lasts exactly `duration`. */
  padSilence: boolean;
  /** EBU R128 loudness normalisation of the mix to this integrated loudness, LUFS (ffmpeg loudnorm); omitted = none. */
  loudnessLufs?: number;
  /** The mix's first-pass measurement (media/loudness.ts): with it, one linear gain lands on the target. */
  loudnessMeasured?: LoudnessMeasurement;
  sampleRate?: number;
}

export interface CompiledAudio {
  inputs: string[];
  filter: string;
  /** Label of the filter graph's output pad. */
  label: string;
}

/**
 * Every clip becomes stereo here. A multichannel dub (5.1, 7.1) folds down with the ITU-R BS.775
 * coefficients (centre and surrounds at -3 dB, LFE dropped: swresample's defaults), and
 * rematrix_maxval=1 scales the matrix so that no output channel can sum past full scale: eight
 * loud channels must not add up to +8 dB. Mono goes to both sides at -3 dB (equal power).
 */
function toStereo(rate: number): string {
  return `aresample=${rate}:ochl=stereo:rematrix_maxval=1,aformat=sample_fmts=fltp:channel_layouts=stereo`;
}

/** The output's ceiling, dBTP: below the -1 dBTP of broadcast and streaming specs, with room for the codec. */
export const TRUE_PEAK_CEILING_DB = -1.5;

/**
 * A look-ahead limiter on the finished mix, at 4× the rate (how BS.1770 measures true peak), so
 * that inter-sample peaks are held under the ceiling too; `latency` compensates its look-ahead,
 * keeping the dub sample-exact. Below the ceiling it changes nothing.
 */
function truePeakLimiter(rate: number): string {
  const limit = (10 ** (TRUE_PEAK_CEILING_DB / 20)).toFixed(4);
  return `aresample=${4 * rate},alimiter=limit=${limit}:attack=1:release=50:level=0:latency=1,aresample=${rate},`;
}

/** Trim to the clip, fit it to its slot, then cut what lies before the timeline's 0 (a negative start). */
function clipSource(clip: DubClip): string {
  const headCut = Math.max(0, -clip.start);
  // Unfitted, the head cut is in the file's seconds and folds into the trim.
  const from = (clip.trimStart ?? 0) + (clip.fit ? 0 : headCut);
  const trim = [`start=${from.toFixed(6)}`];
  if (clip.trimEnd !== undefined) trim.push(`end=${clip.trimEnd.toFixed(6)}`);
  const steps = [`atrim=${trim.join(':')}`, 'asetpts=PTS-STARTPTS'];
  if (clip.fit) steps.push(...fitFilters(clip.fit));
  if (clip.fit && headCut > 0) steps.push(`atrim=start=${headCut.toFixed(6)}`, 'asetpts=PTS-STARTPTS');
  return steps.join(',');
}

function clipChain(inputIdx: number, clip: DubClip, rate: number, n: number): string {
  const stream = clip.streamIndex === undefined ? `${inputIdx}:a:0` : `${inputIdx}:${clip.streamIndex}`;
  // Delay in samples ("S"), not milliseconds: a ms-rounded delay misplaces the dub by up to
  // 0.5 ms, which an exact-offset correlation (and sample-accurate editing) notices.
  const delaySamples = Math.round(Math.max(0, clip.start) * rate);
  return (
    `[${stream}]${clipSource(clip)},` +
    `${toStereo(rate)},` +
    `volume=${(clip.gainDb ?? 0).toFixed(2)}dB,adelay=${delaySamples}S:all=1[c${n}]`
  );
}

/** Builds ffmpeg inputs and a filter graph; `firstInput` is the index of the first added input. */
export function compileAudioMix(mix: AudioMix, firstInput: number): CompiledAudio {
  const rate = mix.sampleRate ?? 48000;
  const inputs: string[] = [];
  const chains: string[] = [];
  const from = mix.from ?? 0;
  const clips: DubClip[] = mix.clips.map((c) => ({ ...c, start: c.start - from }));
  if (mix.original) {
    clips.push({ file: mix.original.file, start: -from, gainDb: mix.original.gainDb, streamIndex: mix.original.streamIndex });
  }
  clips.forEach((clip, n) => {
    inputs.push(toolPath(clip.file));
    chains.push(clipChain(firstInput + n, clip, rate, n));
  });
  const pads = clips.map((_, n) => `[c${n}]`).join('');
  // loudnorm works at 192 kHz internally, hence the resample after it.
  const norm =
    mix.loudnessLufs === undefined
      ? ''
      : `${loudnormFilter(mix.loudnessLufs, TRUE_PEAK_CEILING_DB, mix.loudnessMeasured)},aresample=${rate},`;
  const tail = `${norm}${truePeakLimiter(rate)}${mix.padSilence ? 'apad,' : ''}atrim=end=${mix.duration.toFixed(6)}[aout]`;
  const silence = `${mix.padSilence ? 'apad,' : ''}atrim=end=${mix.duration.toFixed(6)}[aout]`;
  const merge =
    clips.length === 0
      ? `anullsrc=r=${rate}:cl=stereo,${silence}`
      : clips.length === 1
        ? `${pads}${tail}`
        : `${pads}amix=inputs=${clips.length}:normalize=0:duration=longest,${tail}`;
  return { inputs, filter: [...chains, merge].join(';'), label: 'aout' };
}

import { rename, rm, writeFile } from 'node:fs/promises';
import { compileAudioMix, type AudioMix } from '../media/audio-mix';
import { audioAndContainerArgs, videoEncoderArgs, type EncodeSettings } from '../media/encoders';
import { lastErrorLine, spawnFfmpeg, toolPath } from '../media/ffmpeg';
import { explainWriteFailure } from '../media/frame-writer';
import { iso639_2 } from '../media/iso639';
import { measureMixLoudness } from '../media/loudnorm';
import { partialPath } from '../media/partials';

/** The concat demuxer's list format: one `file '…'` line per chunk, quotes escaped. */
function concatList(chunks: string[]): string {
  return chunks.map((c) => `file '${toolPath(c).replace(/'/g, "'\\''")}'\n`).join('');
}

function run(args: string[]): Promise<{ code: number; stderr: string }> {
  const proc = spawnFfmpeg(args);
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  proc.stdout.resume();
  return new Promise((resolve) => proc.on('close', (code) => resolve({ code: code ?? -1, stderr })));
}

/**
 * Joins finished video chunks by stream copy (no re-encode) and muxes the language's audio mix,
 * encoded in one pass so there are no gaps at chunk borders. The mix is padded/trimmed to the
 * output's length by the caller (AudioMix.duration), so both streams end together. Written to a temp name, then renamed.
 */
export async function assembleChunks(
  chunks: string[],
  out: string,
  encode: EncodeSettings,
  audio?: AudioMix,
  /** BCP-47 tag of the audio, written as the stream's ISO 639-2 `language` tag (players list tracks by it). */
  language?: string,
  /** Keep only these frames of the joined chunks (an In–Out export): re-encoded, as a cut need not fall on a keyframe. */
  trim?: { start: number; frames: number },
): Promise<void> {
  const tmp = toolPath(partialPath(out));
  const list = `${tmp}.txt`;
  await writeFile(list, concatList(chunks));
  const args = ['-f', 'concat', '-safe', '0', '-i', list];
  const maps = ['-map', '0:v:0'];
  if (audio) {
    // Loudness normalisation in two passes: measured here, then one linear gain in the mux.
    const measured = audio.loudnessLufs === undefined ? undefined : await measureMixLoudness(audio, out);
    const compiled = compileAudioMix({ ...audio, loudnessMeasured: measured }, 1);
    for (const input of compiled.inputs) args.push('-i', input);
    args.push('-filter_complex', compiled.filter);
    maps.push('-map', `[${compiled.label}]`, '-metadata:s:a:0', `language=${iso639_2(language)}`);
  }
  try {
    const video = trim
      ? [
          '-vf',
          `trim=start_frame=${trim.start}:end_frame=${trim.start + trim.frames},setpts=PTS-STARTPTS`,
          ...videoEncoderArgs(encode, out),
        ]
      : ['-c:v', 'copy'];
    const r = await run([...args, ...maps, ...video, ...audioAndContainerArgs(encode, out), '-y', tmp]);
    if (r.code !== 0) throw explainWriteFailure(r.stderr || lastErrorLine(r.stderr), out);
    await rename(tmp, out);
  } finally {
    await rm(list, { force: true });
    await rm(tmp, { force: true });
  }
}

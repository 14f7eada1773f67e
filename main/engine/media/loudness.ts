import { RedubError } from '../errors';
import { ffmpegTools, lastErrorLine, runTool, toolPath } from './ffmpeg';

/** EBU R128 / ITU-R BS.1770 measures of one audio stream. */
export interface Loudness {
  /** Audio stream index in the file. */
  stream: number;
  /** Integrated loudness, LUFS (-70 for silence). */
  integratedLufs: number;
  /** Highest true (4× oversampled) peak over all channels, dBTP; null for digital silence. */
  truePeakDbtp: number | null;
  /** Loudness range, LU. */
  rangeLu: number;
}

function summaryValue(summary: string, label: string): number | null {
  const m = new RegExp(`^\\s*${label}:\\s*(-?inf|-?[\\d.]+)`, 'mi').exec(summary);
  if (!m) return null;
  return /inf/.test(m[1]) ? null : Number(m[1]);
}

/** Decodes the stream once through ffmpeg's ebur128 filter (about 100× real time). */
export async function measureLoudness(path: string, stream: number): Promise<Loudness> {
  const args = ['-hide_banner', '-nostdin', '-nostats', '-i', toolPath(path), '-map', `0:${stream}`, '-vn'];
  args.push('-af', 'ebur128=peak=true', '-f', 'null', 'pipe:1');
  const r = await runTool(ffmpegTools().ffmpeg, args);
  const summary = r.stderr.slice(r.stderr.lastIndexOf('Summary:'));
  const integrated = summaryValue(summary, 'I');
  if (r.code !== 0 || integrated === null) {
    throw new RedubError('MEDIA_UNREADABLE', `cannot measure loudness (${lastErrorLine(r.stderr)})`, path);
  }
  return { stream, integratedLufs: integrated, truePeakDbtp: summaryValue(summary, 'Peak'), rangeLu: summaryValue(summary, 'LRA') ?? 0 };
}

import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { SUBTITLE_FORMATS, type SubtitleFormat } from '../../../common/domain';
import { partialPath } from '../media/partials';

export { SUBTITLE_FORMATS, type SubtitleFormat };

/** A cue on the output timeline, seconds. */
export interface Cue {
  start: number;
  end: number;
  text: string;
}

/** hh:mm:ss,mmm (SRT) or hh:mm:ss.mmm (WebVTT), from whole milliseconds so the parts never round past 59. */
function stamp(seconds: number, format: SubtitleFormat): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const hms = `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}`;
  return `${hms}${format === 'srt' ? ',' : '.'}${pad(ms % 1000, 3)}`;
}

/** A blank line ends a cue in both formats, so a text's own blank lines are dropped; "-->" would read as a timing line. */
const cueText = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/-->/g, '->'))
    .filter(Boolean)
    .join('\n');

export function formatSubtitles(cues: Cue[], format: SubtitleFormat): string {
  const body = cues.map((c, i) => {
    const timing = `${stamp(c.start, format)} --> ${stamp(c.end, format)}`;
    return format === 'srt' ? `${i + 1}\n${timing}\n${cueText(c.text)}\n` : `${timing}\n${cueText(c.text)}\n`;
  });
  return (format === 'vtt' ? 'WEBVTT\n\n' : '') + body.join('\n');
}

/** The cues of segments that have text, moved to an output that starts at `from` and lasts `duration`. */
export function cuesFor(segments: Cue[], from: number, duration: number): Cue[] {
  return segments
    .filter((s) => s.text.trim())
    .map((s) => ({ start: Math.max(0, s.start - from), end: Math.min(duration, s.end - from), text: s.text }))
    .filter((c) => c.end > c.start)
    .sort((a, b) => a.start - b.start);
}

/** `<video name>.<lang>.<srt|vtt>` beside the video: the name players load with it on their own. */
export function subtitlePathFor(video: string, language: string, format: SubtitleFormat): string {
  return join(dirname(video), `${basename(video, extname(video))}.${language}.${format}`);
}

/** Written under a temporary name, then renamed: never a half-written file under the real name. */
export async function writeSubtitleFile(path: string, cues: Cue[], format: SubtitleFormat): Promise<void> {
  const tmp = partialPath(path);
  await writeFile(tmp, formatSubtitles(cues, format), 'utf8');
  await rename(tmp, path);
}

import { readFile } from 'node:fs/promises';
import { RedubError } from '../errors';
import { MAX_SEGMENT_TEXT, type ProjectStore } from '../store';

/** One subtitle cue, timeline seconds. */
export interface SubtitleCue {
  start: number;
  end: number;
  text: string;
}

/** Cues shorter than this (s) are typesetting artefacts, not lines anyone speaks. */
export const MIN_CUE_LENGTH = 0.05;

// Hours are optional (WebVTT allows mm:ss.ttt; some SRT writers drop them too); SRT uses a
// comma before the milliseconds, WebVTT a dot: both are accepted in either file.
const STAMP = String.raw`(?:(\d+):)?(\d{1,2}):(\d{2})[,.](\d{1,3})`;
const TIMING = new RegExp(String.raw`^${STAMP}\s*-->\s*${STAMP}(?:\s+.*)?$`);

function seconds(h: string | undefined, m: string, s: string, ms: string): number {
  // "5" after the separator is 500 ms, as every player reads it.
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + Number(ms.padEnd(3, '0')) / 1000;
}

/**
 * Parses SRT or WebVTT text into cues in file order. VTT headers, NOTE/STYLE/REGION blocks,
 * cue identifiers, cue settings ("align:start") and a BOM are skipped. Anything else that is
 * not a cue is an error naming the file and line, so the user can fix that line.
 */
export function parseSubtitles(text: string, file: string): SubtitleCue[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const bad = (line: number, what: string) => new RedubError('INVALID_ARGUMENT', `line ${line}: ${what}`, file);
  const cues: SubtitleCue[] = [];
  let i = 0;
  const isVtt = /^WEBVTT(\s|$)/.test(lines[0] ?? '');
  while (i < lines.length) {
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i >= lines.length) break;
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i].trim() !== '') block.push(lines[i++]);
    const head = block[0].trim();
    if (isVtt && (blockStart === 0 || /^(NOTE|STYLE|REGION)(\s|$)/.test(head))) continue;
    // An identifier (SRT counter or VTT cue id) may precede the timing line.
    const t = block[0].includes('-->') ? 0 : 1;
    const timing = block[t]?.trim();
    if (timing === undefined || !timing.includes('-->')) {
      throw bad(
        blockStart + 1 + Math.min(t, block.length - 1),
        `expected a cue timing such as "00:00:01,000 --> 00:00:02,500", found "${(timing ?? head).slice(0, 60)}"`,
      );
    }
    const m = TIMING.exec(timing);
    if (!m) throw bad(blockStart + 1 + t, `malformed cue timing "${timing.slice(0, 60)}"`);
    const start = seconds(m[1], m[2], m[3], m[4]);
    const end = seconds(m[5], m[6], m[7], m[8]);
    if (Number(m[3]) >= 60 || Number(m[7]) >= 60) throw bad(blockStart + 1 + t, `seconds must be below 60 in "${timing.slice(0, 60)}"`);
    if (end < start) throw bad(blockStart + 1 + t, `cue ends (${end.toFixed(3)} s) before it starts (${start.toFixed(3)} s)`);
    cues.push({ start, end, text: block.slice(t + 1).join('\n') });
  }
  return cues;
}

/** A cue's text as a segment keeps it: markup tags (<i>, <c.yellow>, {\\an8}) removed, lines trimmed. */
export function plainCueText(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/\{\\[^}]*\}/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * Turns cues into segment spans: in time order, cues under MIN_CUE_LENGTH dropped, overlapping
 * (or touching) cues merged — segments on the timeline never overlap; a merged span keeps
 * both cues' text, one per line. Clipped to the video.
 */
export function cueSpans(cues: SubtitleCue[], duration = Infinity): SubtitleCue[] {
  const spans: SubtitleCue[] = [];
  const sorted = cues
    .map((c) => ({ start: Math.max(0, c.start), end: Math.min(duration, c.end), text: plainCueText(c.text) }))
    .filter((c) => c.end - c.start >= MIN_CUE_LENGTH)
    .sort((a, b) => a.start - b.start);
  for (const c of sorted) {
    const last = spans[spans.length - 1];
    if (last && c.start < last.end) {
      last.end = Math.max(last.end, c.end);
      last.text = [last.text, c.text].filter(Boolean).join('\n');
    } else spans.push({ ...c });
  }
  return spans.map((s) => ({ ...s, text: s.text.slice(0, MAX_SEGMENT_TEXT) }));
}

/**
 * Replaces the project's segments with one per cue of a subtitle file (each keeping its cue's
 * text), as ONE undo step, so a wrong file is one Ctrl+Z away. Returns how many segments it made.
 */
export async function importSubtitles(store: ProjectStore, path: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RedubError(
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'MEDIA_UNREADABLE',
      code === 'ENOENT' ? 'file not found' : 'cannot be read',
      path,
    );
  }
  const duration = store.media.list('source')[0]?.duration ?? Infinity;
  const spans = cueSpans(parseSubtitles(text, path), duration);
  if (spans.length === 0) throw new RedubError('INVALID_ARGUMENT', 'no subtitle cues inside the video', path);
  store.edit(`Import ${spans.length} subtitle segment${spans.length === 1 ? '' : 's'}`, () => {
    for (const s of store.segments.list()) store.segments.remove(s.id);
    for (const s of spans) store.segments.add(s);
  });
  return spans.length;
}

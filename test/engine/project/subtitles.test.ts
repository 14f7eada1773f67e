import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cueSpans, importSubtitles, parseSubtitles } from '../../../main/engine/project/subtitles';
import { ProjectStore } from '../../../main/engine/store';
import { tempProjectPath } from '../store/helpers';

const SRT = `\uFEFF1
00:00:01,000 --> 00:00:02,500
Hola a todos.

2
00:00:03,200 --> 00:00:05,000
Hoy hablamos
de banderas.

3
01:02:03,4 --> 01:02:04,040
Tarde.
`;

const VTT = `WEBVTT - made by hand

NOTE a note block
spans two lines

intro
00:01.000 --> 00:02.500 align:start position:10%
Hello <b>everyone</b>.

00:00:03.200 --> 00:00:05.000
Today: flags.
`;

describe('parseSubtitles', () => {
  it('reads SRT (BOM, counters, CRLF, short milliseconds)', () => {
    const cues = parseSubtitles(SRT.replace(/\n/g, '\r\n'), 'talk.srt');
    expect(cues.map((c) => [c.start, c.end])).toEqual([
      [1, 2.5],
      [3.2, 5],
      [3723.4, 3724.04],
    ]);
    expect(cues[1].text).toBe('Hoy hablamos\nde banderas.');
  });

  it('reads WebVTT (header, NOTE, cue ids, optional hours, cue settings)', () => {
    const cues = parseSubtitles(VTT, 'talk.vtt');
    expect(cues.map((c) => [c.start, c.end, c.text])).toEqual([
      [1, 2.5, 'Hello <b>everyone</b>.'],
      [3.2, 5, 'Today: flags.'],
    ]);
  });

  it('names the file and line of malformed input', () => {
    expect(() => parseSubtitles('1\n00:00:01,000 -> 00:00:02,000\nx\n', '/tmp/a.srt')).toThrow(
      /^\/tmp\/a\.srt: line 2: expected a cue timing/,
    );
    expect(() => parseSubtitles('1\n00:00:01,000 --> 00:0x:02,000\nx\n', '/tmp/a.srt')).toThrow(
      /^\/tmp\/a\.srt: line 2: malformed cue timing/,
    );
    expect(() => parseSubtitles('WEBVTT\n\n00:05.000 --> 00:04.000\nx\n', 'b.vtt')).toThrow(
      /^b\.vtt: line 3: cue ends .* before it starts/,
    );
    expect(() => parseSubtitles('1\n00:00:01,000 --> 00:00:02,000\nok\n\njust some text\n', 'c.srt')).toThrow(/^c\.srt: line 5:/);
  });
});

describe('cueSpans', () => {
  it('sorts, drops cues under 50 ms and merges overlaps', () => {
    const c = (start: number, end: number, text = '') => ({ start, end, text });
    expect(cueSpans([c(5, 6, 'b'), c(1, 3, '<i>Hola</i>'), c(2.5, 4, ' a todos '), c(4.5, 4.54), c(7, 9)], 8)).toEqual([
      { start: 1, end: 4, text: 'Hola\na todos' },
      { start: 5, end: 6, text: 'b' },
      { start: 7, end: 8, text: '' },
    ]);
  });
});

describe('importSubtitles', () => {
  it('replaces the segments with one per cue, as one undo step', async () => {
    const store = await ProjectStore.create(tempProjectPath());
    store.media.addSource({ path: '/v.mp4', duration: 10, fps: 25, width: 2, height: 2, probe: {} });
    store.segments.add({ start: 0, end: 10 });
    store.history.clear();
    const file = join(dirname(store.path), 'talk.vtt');
    writeFileSync(file, VTT);
    expect(await importSubtitles(store, file)).toBe(2);
    expect(store.segments.list().map((s) => [s.start, s.end, s.text])).toEqual([
      [1, 2.5, 'Hello everyone.'],
      [3.2, 5, 'Today: flags.'],
    ]);
    expect(store.history.peekUndo()).toBe('Import 2 subtitle segments');
    store.history.undo();
    expect(store.segments.list().map((s) => [s.start, s.end])).toEqual([[0, 10]]);
    await expect(importSubtitles(store, join(dirname(store.path), 'missing.srt'))).rejects.toThrow(/missing\.srt: file not found/);
    await store.close();
  });
});

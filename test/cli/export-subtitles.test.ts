/**
 * `redub export --subtitles srt|vtt` writes `<video name>.<lang>.srt|vtt` beside each video from
 * the segments that have text: ffmpeg (an independent parser) reads every cue back, at the
 * segments' times and with their text; an In–Out export's cues are on its own timeline.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../main/engine/store';
import { runCli } from '../helpers/cli';
import { makeSpeech, removeDir, run, sharedMedia, tmpDir } from '../helpers/media';

let dir: string;
let project: string;
const SEGMENTS = [
  { start: 0.4, end: 1.25, text: 'Hola' },
  { start: 1.5, end: 2.0, text: '' }, // no text: no cue
  { start: 2.2, end: 3.6, text: '¿Qué tal?\nMuy bien.' },
];

beforeAll(async () => {
  dir = tmpDir('redub-export-subs-');
  const es = await makeSpeech('es', 'Hola', join(dir, 'es.wav'));
  const de = await makeSpeech('de', 'Hallo', join(dir, 'de.wav'));
  project = join(dir, 'P.redub');
  const r = await runCli([
    'project',
    'create',
    '--video',
    sharedMedia('talk3.mp4'),
    '--dub',
    `es=${es}`,
    '--dub',
    `de=${de}`,
    '--out',
    project,
  ]);
  expect(r.code, r.stderr).toBe(0);
  const store = await ProjectStore.open(project);
  try {
    store.edit('segments', () => {
      for (const s of store.segments.list()) store.segments.remove(s.id);
      for (const s of SEGMENTS) store.segments.add(s);
    });
  } finally {
    await store.close();
  }
}, 60_000);

afterAll(() => removeDir(dir));

/** The cues as ffmpeg reads them: start, end (s) and text. */
async function readCues(file: string): Promise<{ start: number; end: number; text: string }[]> {
  const r = await run('ffmpeg', ['-v', 'error', '-i', file, '-f', 'srt', '-']);
  expect(r.code, r.stderr.toString()).toBe(0);
  const probe = await run('ffprobe', ['-v', 'error', '-show_entries', 'packet=pts_time,duration_time', '-of', 'json', file]);
  const packets = (JSON.parse(probe.stdout.toString()) as { packets: { pts_time: string; duration_time: string }[] }).packets;
  const texts = r.stdout
    .toString()
    .trim()
    .split(/\r?\n\r?\n/)
    .map((b) => b.split(/\r?\n/).slice(2).join('\n'));
  return packets.map((p, i) => ({ start: Number(p.pts_time), end: Number(p.pts_time) + Number(p.duration_time), text: texts[i] }));
}

async function exportWith(name: string, args: string[]): Promise<string> {
  const out = join(dir, name);
  mkdirSync(out);
  const r = await runCli(['export', project, '--out', out, '--lipsync', 'none', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

describe('export: subtitles per language', () => {
  it('writes <name>.<lang>.srt beside each video, cue for cue', async () => {
    const out = await exportWith('srt', ['--subtitles', 'srt']);
    for (const lang of ['es', 'de']) {
      const cues = await readCues(join(out, `P_${lang}.${lang}.srt`));
      const want = SEGMENTS.filter((s) => s.text);
      expect(cues.map((c) => c.text)).toEqual(want.map((s) => s.text));
      cues.forEach((c, i) => {
        expect(c.start).toBeCloseTo(want[i].start, 2);
        expect(c.end).toBeCloseTo(want[i].end, 2);
      });
    }
  }, 240_000);

  it('writes WebVTT on the In–Out export’s own timeline', async () => {
    const out = await exportWith('vtt', ['--lang', 'es', '--subtitles', 'vtt', '--range', '1-3']);
    const file = join(out, 'P_es.es.vtt');
    expect(readFileSync(file, 'utf8').startsWith('WEBVTT\n')).toBe(true);
    const cues = await readCues(file);
    // Hola 0.4–1.25 → 0–0.25; ¿Qué tal? 2.2–3.6 → 1.2–2 (cut at the range's end).
    expect(cues.map((c) => [c.start, c.end])).toEqual([
      [0, 0.25],
      [1.2, 2],
    ]);
    expect(cues[1].text).toBe('¿Qué tal?\nMuy bien.');
  }, 240_000);
});

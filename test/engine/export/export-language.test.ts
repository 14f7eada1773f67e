import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportLanguage, type ExportRequest } from '../../../main/engine/export/export-language';
import { makeFrameCodedVideo, readFrameCodes } from '../../helpers/frame-code';

const dir = mkdtempSync(join(tmpdir(), 'redub-export-'));
const video = join(dir, 'coded.mp4');
/** Long enough (10 chunks) that a kill after two chunks always lands mid-export. */
const longVideo = join(dir, 'coded-long.mp4');
const audio = join(dir, 'dub.wav');
const shortAudio = join(dir, 'short.wav');
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function request(name: string, extra: Partial<ExportRequest> = {}): ExportRequest {
  return {
    video,
    out: join(dir, `${name}.mp4`),
    clips: [{ file: audio, start: 0 }],
    workDir: join(dir, `work-${name}`),
    baseKey: 'test',
    chunkSeconds: 1,
    ...extra,
  };
}

function audioDuration(path: string): number {
  const r = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=duration', '-of', 'csv=p=0', path]);
  return Number(r.stdout.toString());
}

beforeAll(() => {
  makeFrameCodedVideo(video, 4);
  makeFrameCodedVideo(longVideo, 10);
  spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=500:duration=5', audio]);
  spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=300:duration=1.5', shortAudio]);
});

describe('chunked export', () => {
  it('joins chunks into exactly the source frames, with the dub as audio', async () => {
    const summary = await exportLanguage(request('plain'));
    expect(summary).toMatchObject({ frames: 100, chunks: 4, rendered: 4, reused: 0 });
    expect(readFrameCodes(summary.out)).toEqual(range(100));
    expect(audioDuration(summary.out)).toBeCloseTo(4, 1);
  });

  it('tags the audio with the language as ISO 639-2 and ends it with the video, for a dub shorter than the video', async () => {
    const out = await exportLanguage(request('spanish', { clips: [{ file: shortAudio, start: 0.5 }], language: 'es-MX' }));
    const probe = spawnSync('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_type,duration:stream_tags=language',
      '-of',
      'json',
      out.out,
    ]);
    const streams = (
      JSON.parse(probe.stdout.toString()) as { streams: { codec_type: string; duration: string; tags?: { language?: string } }[] }
    ).streams;
    const a = streams.find((s) => s.codec_type === 'audio')!;
    const v = streams.find((s) => s.codec_type === 'video')!;
    expect(a.tags?.language).toBe('spa');
    // The 1.5 s dub ends at 2 s of a 4 s video: the audio is padded with silence to the end.
    expect(Math.abs(Number(a.duration) - Number(v.duration))).toBeLessThan(1 / 25);
  });

  it('reuses every chunk when nothing changed, and refuses to overwrite without asking', async () => {
    await expect(exportLanguage(request('plain'))).rejects.toThrow(/already exists.*--overwrite/);
    const again = await exportLanguage(request('plain', { overwrite: true }));
    expect(again).toMatchObject({ rendered: 0, reused: 4 });
    expect(readFrameCodes(again.out)).toEqual(range(100));
  });

  it('re-renders only the chunks an edited segment touches', async () => {
    const segments = [
      { start: 0, end: 1, look: 'neutral' },
      { start: 3, end: 4, look: 'neutral' },
    ];
    await exportLanguage(request('edit', { segments }));
    const edited = segments.map((s) => (s.start === 3 ? { ...s, look: 'smile' } : s));
    const second = await exportLanguage(request('edit', { segments: edited, overwrite: true }));
    // Segment 2 (3–4 s, plus the easing margin) touches the chunks [2,3) and [3,4) only.
    expect(second).toMatchObject({ rendered: 2, reused: 2 });
    expect(readFrameCodes(second.out)).toEqual(range(100));
  });

  it('resumes after kill -9 without re-rendering finished chunks or leaving a broken output', async () => {
    const req = request('crash', { video: longVideo });
    const child = spawn(process.execPath, [
      '--import',
      'tsx',
      join(__dirname, 'fixtures/export-child.ts'),
      longVideo,
      audio,
      req.out,
      req.workDir,
    ]);
    let lines = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        lines += d.toString();
        if ((lines.match(/rendered/g) ?? []).length >= 2) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    await new Promise((r) => child.on('close', r));
    expect(lines).not.toContain('finished');
    expect(existsSync(req.out)).toBe(false);
    const events: string[] = [];
    const resumed = await exportLanguage({ ...req, onChunk: ({ chunk, reused }) => events.push(`${chunk.index}:${reused}`) });
    expect(resumed.reused).toBeGreaterThanOrEqual(2);
    expect(events.slice(0, 2)).toEqual(['0:true', '1:true']);
    expect(readFrameCodes(resumed.out)).toEqual(range(250));
    expect(readdirSync(req.workDir).filter((n) => n.includes('.partial-'))).toEqual([]);
  });
});

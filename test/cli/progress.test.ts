/**
 * `redub dub` says what it is doing from the start (analysing faces, then rendering)
 * and shows an ETA only once it means something: never the minutes-long guess of a rate
 * measured across the face analysis.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { ffmpeg, makeSpeech, removeDir, sharedDir, sharedMedia, tmpDir } from '../helpers/media';

let dir: string;
let video: string;
let dub: string;

beforeAll(async () => {
  dir = tmpDir('redub-progress-');
  video = join(dir, 'talk3-2s.mp4');
  await ffmpeg(['-i', sharedMedia('talk3.mp4'), '-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', video]);
  dub = await makeSpeech('es', 'Hola', join(dir, 'es.wav'));
});

afterAll(() => removeDir(dir));

describe('progress of redub dub', () => {
  it('phase lines at once, then progress; every ETA plausible for a 2 s clip', async () => {
    // A cold cache: the faces really are analysed (the debug overlay needs them).
    const env = { REDUB_MODELS_DIR: join(sharedDir(), 'models'), REDUB_CACHE_DIR: join(dir, 'cache') };
    const args = ['dub', '--lipsync', 'none', '--debug-overlay', '--preset', 'ultrafast', '--video', video, '--audio', dub];
    const r = await runCli([...args, '--out', join(dir, 'out.mp4')], env);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('dub: analysing faces…');
    const rendering = lines.indexOf('dub: rendering…');
    expect(rendering).toBeGreaterThan(0);
    // Before rendering: only the analysis' own progress; after: the render's.
    expect(lines.slice(1, rendering).every((l) => l.startsWith('dub analysing faces '))).toBe(true);
    expect(lines.slice(rendering + 1).every((l) => /^dub +[\d.]+% {2}\d+\/50 frames/.test(l))).toBe(true);
    for (const m of r.stderr.matchAll(/ETA (\d+):(\d\d)/g)) expect(Number(m[1]) * 60 + Number(m[2])).toBeLessThanOrEqual(30);
  });
});

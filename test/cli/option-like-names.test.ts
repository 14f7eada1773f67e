/**
 * File names that ffmpeg and ffprobe would read as options or protocols (`-report` makes ffprobe
 * write a log, `-version` prints its version, `-y` overwrites, `pipe:` reads stdin) are files
 * like any other: every path reaches them through toolPath(), absolute.
 */
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli';
import { ffprobeJson, removeDir, sharedMedia, tmpDir } from '../helpers/media';

const NAMES = ['-report', '-version', '-y', 'pipe:'];
let dir: string;

beforeAll(() => {
  dir = tmpDir('redub-names-');
  for (const n of NAMES) copyFileSync(sharedMedia('talk3.mp4'), join(dir, n));
});

afterAll(() => removeDir(dir));

/** Relative names, run in the folder: exactly what a user typing them would do. */
const cli = (args: string[]) => spawnCli(args, { cwd: dir }).result;

describe('files named like ffmpeg options', () => {
  it.each(NAMES)('probe %s reads the file, and writes no ffprobe log', async (name) => {
    const r = await cli(['probe', '--json', '--', name]);
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.path).toBe(join(dir, name));
    expect(info.video).toMatchObject({ width: 590, frameCount: 125 });
    expect(readdirSync(dir).sort()).toEqual([...NAMES].sort());
  });

  it('dub --video=-report --audio=pipe: --out=-version.mp4 renders, and nothing else appears', async () => {
    const r = await cli(['dub', '--lipsync', 'none', '--preset', 'ultrafast', '--video=-report', '--audio=pipe:', '--out=-version.mp4']);
    expect(r.code, r.stderr).toBe(0);
    const out = await ffprobeJson(join(dir, '-version.mp4'));
    expect(out.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    expect(readdirSync(dir).sort()).toEqual([...NAMES, '-version.mp4'].sort());
  });
});

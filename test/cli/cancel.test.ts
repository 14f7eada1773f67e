/**
 * Cancelling `redub dub` mid-encode (Ctrl+C in a terminal, or a kill from a job manager) leaves
 * nothing behind: no output, no `.partial` temp file, no orphaned ffmpeg still encoding.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli';
import { ffmpeg, makeSpeech, removeDir, run, sharedMedia, tmpDir } from '../helpers/media';

let dir: string;
let video: string;
let dub: string;

beforeAll(async () => {
  dir = tmpDir('redub-cancel-');
  // 20 s of talk3 (stream copy, instant to make): long enough to still be encoding when signalled.
  video = join(dir, 'talk3x4.mp4');
  await ffmpeg(['-stream_loop', '3', '-i', sharedMedia('talk3.mp4'), '-c', 'copy', video]);
  dub = await makeSpeech('es', 'Hola', join(dir, 'dub.wav'));
});

afterAll(() => removeDir(dir));

async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (cond()) return true;
  return cond();
}

/** ffmpeg processes whose command line mentions this case's folder. */
async function ffmpegsIn(caseDir: string): Promise<string> {
  const r = await run('pgrep', ['-a', '-f', `ffmpeg.*${caseDir}`]);
  return r.stdout.toString().trim();
}

describe('cancelling redub dub', () => {
  it.each([
    { how: 'Ctrl+C (SIGINT to the whole process group)', signal: 'SIGINT', group: true },
    { how: 'SIGTERM to redub alone', signal: 'SIGTERM', group: false },
  ] as const)('$how removes the temp file and stops ffmpeg', async ({ signal, group }) => {
    const caseDir = join(dir, signal);
    mkdirSync(caseDir);
    const out = join(caseDir, 'out.mp4');
    const { child, result } = spawnCli(['dub', '--lipsync', 'none', '--video', video, '--audio', dub, '--out', out], { detached: group });
    const started = await waitFor(() => readdirSync(caseDir).some((n) => n.includes('.partial')), 20_000);
    expect(started, 'the encoder never started').toBe(true);
    await sleep(300);
    process.kill(group ? -child.pid! : child.pid!, signal);
    const r = await result;
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(`redub: error: ${out}: cancelled by ${signal}: nothing was written`);
    expect(readdirSync(caseDir)).toEqual([]);
    expect(await ffmpegsIn(caseDir)).toBe('');
  });
});

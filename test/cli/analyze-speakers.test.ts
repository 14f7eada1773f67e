import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tmpDir } from '../helpers/media';
import { MODELS_DIR } from '../engine/face/face-env';
import { makeCutVideo, SHOT_STARTS } from '../engine/scenes/shots';

const dir = tmpDir('redub-cli-speakers-');
const cacheDir = tmpDir('redub-cli-speakers-cache-');
let video = '';

beforeAll(async () => {
  video = await makeCutVideo(dir);
});

describe('redub analyze --json: speakers and cuts', () => {
  it('reports 2 speakers (id, name, frames, thumbnail PNG in the cache) and the 2 cuts', async () => {
    const r = await runCli(['analyze', video, '--json'], { REDUB_MODELS_DIR: MODELS_DIR, REDUB_CACHE_DIR: cacheDir });
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.cuts).toEqual(SHOT_STARTS.slice(1));
    expect(s.speakers.map((p: { id: string; name: string }) => [p.id, p.name])).toEqual([
      ['speaker1', 'Speaker 1'],
      ['speaker2', 'Speaker 2'],
    ]);
    expect(s.speakers[0].frames).toBeGreaterThanOrEqual(140);
    expect(s.speakers[1].frames).toBeGreaterThanOrEqual(70);
    for (const p of s.speakers) {
      expect(p.thumbnail.startsWith(cacheDir)).toBe(true);
      expect(readFileSync(p.thumbnail).subarray(1, 4).toString()).toBe('PNG');
    }
    // The plain listing names them too.
    const text = await runCli(['analyze', video], { REDUB_MODELS_DIR: MODELS_DIR, REDUB_CACHE_DIR: cacheDir });
    expect(text.stdout).toMatch(/speaker2 {2}"Speaker 2" {2}7\d frames on screen/);
    expect(text.stdout).toMatch(/cuts {5}75, 150/);
  });
});

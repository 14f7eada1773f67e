/**
 * A project on the two-face video (talk3 | talk5): one Spanish line per face, put on its
 * speaker at `project create` (`--dub es=a.wav@0@speaker1`) and by `project assign`; the project
 * export renders each face from its own clip's audio only.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeSpeakers } from '../../main/engine/speakers/analyze-speakers';
import { ProjectStore } from '../../main/engine/store';
import { runCli } from '../helpers/cli';
import { ffmpeg, tmpDir } from '../helpers/media';
import { measureTwoFaces, sides } from '../helpers/two-face-measure';
import { MODELS_DIR, useFaceEnv } from '../engine/face/face-env';
import { makeSpanishLines, type SpanishLines } from '../engine/speakers/spanish-lines';
import { makeTwoFaceVideo } from '../engine/speakers/two-faces';

const dir = tmpDir('redub-project-speakers-');
let env: NodeJS.ProcessEnv = {};
let video = '';
let lines: SpanishLines;
let left = '';
let right = '';
let rightTracks: number[] = [];
const project = join(dir, 'two.redub');

/** Each line alone as a clip file (2.4 s of speech, no padding): its place is the clip's start. */
async function clipFile(name: string): Promise<string> {
  const out = join(dir, `clip-${name}`);
  await ffmpeg(['-i', join(dir, name), '-af', 'atrim=0:2.4', '-ac', '1', out]);
  return out;
}

beforeAll(async () => {
  env = { REDUB_MODELS_DIR: MODELS_DIR, REDUB_CACHE_DIR: useFaceEnv('redub-project-speakers-cache-') };
  [video, lines] = await Promise.all([makeTwoFaceVideo(dir), makeSpanishLines(dir)]);
  const a = await analyzeSpeakers(video);
  const side = sides(a.track);
  left = a.speakers.find((s) => s.trackIds.includes(side.left))!.id;
  right = a.speakers.find((s) => s.trackIds.includes(side.right))!.id;
  rightTracks = a.speakers.find((s) => s.id === right)!.trackIds;
});

describe('project speakers: create … --dub LANG=FILE@SPEAKER, project assign, export', () => {
  it('an unknown speaker is a one-line error listing the known ones, and no project is made', async () => {
    const bad = join(dir, 'bad.redub');
    const r = await runCli(['project', 'create', '--video', video, '--dub', `es=${lines.left}@speaker9`, '--out', bad], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/speaker "speaker9" is not in this video \(speakers: speaker1, speaker2\)/);
    expect(existsSync(bad)).toBe(false);
  });

  it('stores the speakers from analysis and each clip on its speaker; assign re-points a clip (undoable)', async () => {
    const [a, b] = [await clipFile('line-a.wav'), await clipFile('line-b.wav')];
    const created = await runCli(
      ['project', 'create', '--video', video, '--dub', `es=${a}@0@${left}`, '--dub', `es=${b}@2.6`, '--out', project, '--json'],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    const listed = JSON.parse((await runCli(['project', 'speakers', project, '--json'], env)).stdout);
    expect(listed.speakers.map((s: { id: string }) => s.id)).toEqual(['speaker1', 'speaker2']);
    expect(listed.clips.map((c: { speaker: string | null }) => c.speaker)).toEqual([left, null]);
    const second = listed.clips[1].id as string;
    const assigned = await runCli(['project', 'assign', project, '--clip', second.slice(0, 8), '--speaker', right, '--json'], env);
    expect(assigned.code, assigned.stderr).toBe(0);
    expect(JSON.parse(assigned.stdout).clips.map((c: { speaker: string | null }) => c.speaker)).toEqual([left, right]);
    const unknown = await runCli(['project', 'assign', project, '--clip', second, '--speaker', 'Bob'], env);
    expect(unknown.stderr).toMatch(/speaker "Bob" is not in this video \(speakers: speaker1, speaker2\)/);
    // One undo step puts the clip back on the main speaker; redo re-assigns it.
    const store = await ProjectStore.open(project);
    try {
      expect(store.history.undo()).toBe('Assign clip speaker');
      expect(store.clips.get(second).speaker).toBeNull();
      store.history.redo();
      expect(store.clips.get(second).speaker).toBe(right);
    } finally {
      await store.close();
    }
  });

  it('the export drives each face from its own clip only (AUC ≥ 0.75 each), nothing outside both lower faces changes (PSNR ≥ 40 dB)', async () => {
    const outDir = join(dir, 'out');
    mkdirSync(outDir);
    const r = await runCli(['export', project, '--out', outDir, '--lang', 'es', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const m = await measureTwoFaces('project export', join(outDir, 'two_es.mp4'), video, lines);
    expect(m.leftAuc).toBeGreaterThanOrEqual(0.75);
    expect(m.rightAuc).toBeGreaterThanOrEqual(0.75);
    expect(m.psnr).toBeGreaterThanOrEqual(40);
  }, 400_000);

  it('merge-speakers joins two speakers (clips re-pointed); split-speaker makes tracks a new speaker with its own thumbnail', async () => {
    const merged = await runCli(
      ['project', 'merge-speakers', project, '--into', left, '--from', 'Speaker ' + right.slice(7), '--json'],
      env,
    );
    expect(merged.code, merged.stderr).toBe(0);
    const m = JSON.parse(merged.stdout);
    expect(m.speakers.map((s: { id: string }) => s.id)).toEqual([left]);
    expect(m.clips.map((c: { speaker: string }) => c.speaker)).toEqual([left, left]);
    const split = await runCli(['project', 'split-speaker', project, '--speaker', left, '--tracks', rightTracks.join(','), '--json'], env);
    expect(split.code, split.stderr).toBe(0);
    const s = JSON.parse(split.stdout);
    const made = s.speakers.find((x: { id: string }) => x.id !== left);
    expect(made.trackIds).toEqual(rightTracks);
    expect(made.frames).toBeGreaterThanOrEqual(100);
    expect(readFileSync(made.thumbnail).subarray(1, 4).toString()).toBe('PNG');
    expect(s.clips.map((c: { speaker: string }) => c.speaker)).toEqual([left, left]);
    const all = await runCli(['project', 'split-speaker', project, '--speaker', made.id, '--tracks', rightTracks.join(',')], env);
    expect(all.stderr).toMatch(/needs some but not all of its tracks/);
  });
});

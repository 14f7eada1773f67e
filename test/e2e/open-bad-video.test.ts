/**
 * The editor's openVideo goes through the same validation as `redub project create`
 * (engine/media/validate.ts via describeSource): a text file or a still image is refused in one
 * line, and nothing is made: no .redub file in the projects folder, no Recent Projects entry.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEditorApi } from '../../main/bridge/editor-api';
import { createLocalEngine } from '../../main/bridge/local-engine';
import { ProjectWorkspace } from '../../main/bridge/workspace';
import { ffmpeg } from '../helpers/media';
import { removeDir, tempDir } from './support/bridge';

let dir: string;
let inputs: string;
let workspace: ProjectWorkspace;

beforeAll(async () => {
  dir = tempDir('redub-badopen-');
  inputs = tempDir('redub-badopen-in-');
  writeFileSync(join(inputs, 'notes.txt'), 'Scene 1: she says hello.\nScene 2: he leaves.\n');
  await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=64x48', '-frames:v', '1', join(inputs, 'photo.png')]);
  workspace = new ProjectWorkspace(dir);
});

afterAll(async () => {
  await workspace.close();
  removeDir(dir);
  removeDir(inputs);
});

describe('openVideo on a file that is no video', () => {
  it.each([
    ['notes.txt', 'is a text file, not a video'],
    ['photo.png', 'is a still image (png), not a video'],
  ])('%s is refused in one line and leaves no project behind', async (name, problem) => {
    const api = createEditorApi(workspace, createLocalEngine(), { mode: 'browser', emit: () => undefined });
    const path = join(inputs, name);
    const error = await api.openVideo({ path }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toBe(`${path}: ${problem}`);
    expect(error?.message).not.toContain('\n');
    expect(readdirSync(dir).filter((f) => f.includes('.redub'))).toEqual([]);
    expect(await api.listRecentProjects({})).toEqual([]);
  });
});

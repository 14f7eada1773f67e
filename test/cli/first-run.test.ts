/**
 * A first run with an empty models folder: `redub dub` fetches the face models itself from the
 * mirror in REDUB_MODELS_URL (a local server with the real files), verifies their SHA-256 and
 * goes on. A mirror serving one tampered byte, or no mirror at all, fails in one line, leaves
 * no model file and writes no output.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findModel } from '../../main/engine/models/manifest';
import { startFileServer, unreachableBase, type FileServer } from '../engine/models/http-fixture';
import { MODELS_DIR } from '../engine/face/face-env';
import { runCli } from '../helpers/cli';
import { ffprobeJson, makeSpeech, removeDir, sharedMedia, tmpDir } from '../helpers/media';

const FACE_MODELS = ['face_detection_short_range', 'face_detection_full_range', 'face_landmark_468'];
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let server: FileServer;
let dir: string;
let dub: string;

function firstRun(name: string, mirror: string) {
  const models = join(dir, `${name}-models`);
  const out = join(dir, `${name}.mp4`);
  const env = { REDUB_MODELS_DIR: models, REDUB_CACHE_DIR: join(dir, `${name}-cache`), REDUB_MODELS_URL: mirror };
  const result = runCli(['dub', '--video', sharedMedia('talk3.mp4'), '--audio', dub, '--out', out], env);
  return { models, out, result };
}

const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('redub: error:'));
const leftovers = (folder: string) => (existsSync(folder) ? readdirSync(folder) : []);

beforeAll(async () => {
  dir = tmpDir('redub-first-run-');
  dub = await makeSpeech('es', 'Hola, buenos días. Esto es una prueba del doblaje.', join(dir, 'es.wav'));
  server = await startFileServer();
  for (const name of FACE_MODELS) {
    const file = findModel(name).file;
    const body = readFileSync(join(MODELS_DIR, file));
    server.routes.set(`/good/${file}`, { body });
    // The same files with one byte flipped in the last one fetched: the two before it verify.
    const tampered = Buffer.from(body);
    if (name === 'face_landmark_468') tampered[tampered.length >> 1] ^= 0x01;
    server.routes.set(`/bad/${file}`, { body: tampered });
  }
});

afterAll(async () => {
  await server.close();
  removeDir(dir);
});

describe('first run with an empty models folder', () => {
  it('redub dub fetches and verifies the face models, then dubs', async () => {
    const run = firstRun('good', `${server.base}/good`);
    const r = await run.result;
    expect(errorLines(r.stderr)).toEqual([]);
    expect(r.code).toBe(0);
    for (const name of FACE_MODELS) {
      const m = findModel(name);
      expect(r.stderr).toContain(`redub: first use: downloading ${name} (`);
      expect(r.stderr).toContain(`redub: installed ${name} (SHA-256 verified)`);
      expect(sha256(readFileSync(join(run.models, m.file)))).toBe(m.sha256);
    }
    expect(leftovers(run.models).sort()).toEqual(FACE_MODELS.map((n) => findModel(n).file).sort());
    const video = (await ffprobeJson(run.out)).streams.find((s) => s.codec_type === 'video');
    expect(Number(video?.nb_frames)).toBe(125);
    // Only the mirror was asked, once per file.
    expect(server.log.filter((l) => l.path.startsWith('/good/')).map((l) => l.path)).toHaveLength(3);
  });

  it('a mirror serving a tampered model: one line, no model kept, no output', async () => {
    const run = firstRun('bad', `${server.base}/bad`);
    const r = await run.result;
    expect(r.code).toBe(1);
    const errors = errorLines(r.stderr);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /face_landmark_468: SHA-256 [0-9a-f]{64} does not match the pinned [0-9a-f]{64} \(downloaded from .*\/bad\/face_landmark_468\.onnx\); the download was refused and deleted$/,
    );
    // Everything else on stderr is the progress lines: the downloads and the phase ("dub: analysing faces…").
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('redub: first use: downloading ') && !/^dub: [a-z ]+…$/.test(l)),
    ).toEqual(errors);
    expect(leftovers(run.models)).toEqual([]);
    expect(leftovers(dir).filter((f) => f.startsWith('bad.mp4'))).toEqual([]);
  });

  it('offline: one line naming the fix', async () => {
    const run = firstRun('offline', await unreachableBase());
    const r = await run.result;
    expect(r.code).toBe(1);
    const errors = errorLines(r.stderr);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`model face_detection_short_range.onnx is not in ${run.models} and could not be downloaded`);
    expect(errors[0]).toContain('ECONNREFUSED');
    expect(errors[0]).toMatch(/`redub models import FILE --role detect`, or set REDUB_MODELS_DIR to a folder that has it$/);
    expect(leftovers(run.models)).toEqual([]);
    expect(leftovers(dir).filter((f) => f.startsWith('offline.mp4'))).toEqual([]);
  });
});

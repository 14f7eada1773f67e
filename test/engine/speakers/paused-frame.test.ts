/**
 * The editor's paused frame (B monitor) on the two-face video with one Spanish line per
 * face: the frame goes through the export's own chain, so each face follows its own line (a
 * closed, relaxed mouth where it is silent), a face without lines keeps its pixels, and the
 * frame equals the exported one.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { speakerRender } from '../../../main/bridge/api/preview';
import { lowerFaceMask } from '../../../main/engine/analysis/lower-face-mask';
import { MaskedError } from '../../../main/engine/analysis/psnr';
import { listChunkFiles } from '../../../main/engine/export/chunk-files';
import { exportLanguage } from '../../../main/engine/export/export-language';
import type { FaceTrack } from '../../../main/engine/face/types';
import { previewRequestFor } from '../../../main/engine/jobs/editor-render';
import { PreviewCache } from '../../../main/engine/preview/preview-cache';
import { renderPreviewFrame } from '../../../main/engine/preview/preview-frame';
import { analyzeSpeakers } from '../../../main/engine/speakers/analyze-speakers';
import { ProjectStore } from '../../../main/engine/store';
import { runCli } from '../../helpers/cli';
import { extractFrameRgb, ffmpeg, tmpDir } from '../../helpers/media';
import { MODELS_DIR, useFaceEnv } from '../face/face-env';
import { makeSpanishLines } from './spanish-lines';
import { makeTwoFaceVideo } from './two-faces';

const dir = tmpDir('redub-paused-frame-');
const cache = new PreviewCache();
let video = '';
let track: FaceTrack;
let store: ProjectStore;
let right = '';

/** PSNR of a against b, over the pixels where `keep` is 1 (the complement of an exclusion mask). */
function psnrWhere(a: Uint8Array, b: Uint8Array, keep: Uint8Array): number {
  const e = new MaskedError();
  e.add(
    a,
    b,
    keep.map((k) => 1 - k),
  );
  return e.psnr();
}

/** The lower-face masks of the left and right face on source frame `i`. */
function masks(i: number, width: number, height: number): { left: Uint8Array; right: Uint8Array } {
  const faces = [...track.frames[i].faces].sort((a, b) => a.box.x - b.box.x);
  return { left: lowerFaceMask(faces[0].landmarks, width, height), right: lowerFaceMask(faces[1].landmarks, width, height) };
}

beforeAll(async () => {
  const cacheDir = useFaceEnv('redub-paused-frame-cache-');
  const [v, lines] = await Promise.all([makeTwoFaceVideo(dir), makeSpanishLines(dir)]);
  video = v;
  const a = await analyzeSpeakers(video);
  track = a.track;
  const faces = [...track.frames[10].faces].sort((x, y) => x.box.x - y.box.x);
  const id = (t: number) => a.speakers.find((s) => s.trackIds.includes(t))!.id;
  // Each line alone as a clip (2.4 s of speech), on its speaker at its place.
  const clip = async (src: string, name: string, from: number) => {
    await ffmpeg(['-i', src, '-af', `atrim=${from}:${from + 2.4}`, '-ac', '1', join(dir, name)]);
    return join(dir, name);
  };
  right = id(faces[1].trackId);
  const [l, r] = [await clip(lines.left, 'a.wav', 0), await clip(lines.right, 'b.wav', 2.6)];
  const project = join(dir, 'two.redub');
  const dubs = ['--dub', `es=${l}@0@${id(faces[0].trackId)}`, '--dub', `es=${r}@2.6@${id(faces[1].trackId)}`];
  const env = { REDUB_MODELS_DIR: MODELS_DIR, REDUB_CACHE_DIR: cacheDir };
  const created = await runCli(['project', 'create', '--video', video, ...dubs, '--out', project], env);
  expect(created.code, created.stderr).toBe(0);
  store = await ProjectStore.open(project);
}, 300_000);

afterAll(async () => {
  await cache.close();
  await store?.close();
});

describe('paused frame with two speakers', () => {
  it('the bridge asks for the export render when clips name speakers', () => {
    expect(speakerRender(store, 'es')).toEqual({ render: previewRequestFor(store, 'es') });
  });

  it.each([
    ['left', 1.6],
    ['right', 3.6],
  ] as const)(
    'at the %s speaker\u2019s line (%f s) that face gets a dub mouth, only lower faces change, as in the export',
    async (who, time) => {
      const render = previewRequestFor(store, 'es');
      const img = await renderPreviewFrame({ videoPath: video, time, dub: null, segments: [], render }, cache);
      const i = img.frameIndex;
      const original = await extractFrameRgb(video, i);
      const m = masks(i, img.width, img.height);
      const own = m[who];
      const outside = psnrWhere(
        img.data,
        original,
        own.map((k, p) => 1 - (k | m.left[p] | m.right[p])),
      );
      const mouth = psnrWhere(img.data, original, own);
      // The export's frame: the same request, only the short chunk over this frame.
      await exportLanguage({ ...render, chunkSeconds: 0.4, only: { start: i, end: i + 1 } });
      const chunk = (await listChunkFiles(render.workDir)).find((c) => c.start <= i && c.end > i)!;
      const exported = await extractFrameRgb(chunk.path, i - chunk.start);
      const vsExport = psnrWhere(img.data, exported, new Uint8Array(img.width * img.height).fill(1));
      console.info(
        `paused frame ${i} (${who} line): PSNR outside both lower faces ${outside.toFixed(1)} dB, speaking lower face ${mouth.toFixed(1)} dB, vs export ${vsExport.toFixed(1)} dB`,
      );
      expect(img.lipsynced).toBe(true);
      expect(outside).toBeGreaterThanOrEqual(40);
      expect(mouth).toBeLessThan(35);
      expect(vsExport).toBeGreaterThanOrEqual(40);
    },
    400_000,
  );

  it('a face without lines keeps its original frame; the face with a line gets its mouth', async () => {
    // Only the right speaker's clip: the left face has no lines at all.
    const both = previewRequestFor(store, 'es');
    const render = { ...both, clips: both.clips.filter((c) => c.speaker === right) };
    const img = await renderPreviewFrame({ videoPath: video, time: 3.6, dub: null, segments: [], render }, cache);
    const original = await extractFrameRgb(video, img.frameIndex);
    const m = masks(img.frameIndex, img.width, img.height);
    const leftFace = psnrWhere(img.data, original, m.left);
    const rightFace = psnrWhere(img.data, original, m.right);
    console.info(
      `paused frame ${img.frameIndex}, right line only: left lower face ${leftFace.toFixed(1)} dB, right ${rightFace.toFixed(1)} dB`,
    );
    expect(leftFace).toBeGreaterThanOrEqual(40);
    expect(rightFace).toBeLessThan(35);
  }, 400_000);
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeVideoReport } from '../../../main/engine/face/analyze';
import { faceModelRuns } from '../../../main/engine/face/models/sessions';
import { facesOf, FaceTrackStage } from '../../../main/engine/face/stage';
import { MESH_POINTS } from '../../../main/engine/face/types';
import { configureEngine } from '../../../main/engine/settings';
import type { VideoFrame } from '../../../main/engine/pipeline/frame';
import type { StageContext } from '../../../main/engine/pipeline/stage';
import { ffmpeg, sharedMedia, tmpDir } from '../../helpers/media';
import { useFaceEnv } from './face-env';

const totalRuns = () => Object.values(faceModelRuns).reduce((a, b) => a + b, 0);

beforeAll(() => useFaceEnv('redub-face-analyze-'));

describe('face analysis on real talking heads', () => {
  for (const clip of ['talk1.mp4', 'talk2.mp4', 'talk3.mp4', 'talk4.mp4', 'talk5.mp4']) {
    it(`finds one tracked face in ≥ 99 % of ${clip}'s frames`, async () => {
      const r = await analyzeVideoReport(sharedMedia(clip));
      const frames = r.track.frames;
      const withFace = frames.filter((f) => f.faces.length === 1).length;
      console.info(
        `${clip}: face in ${withFace}/${frames.length} frames, ${(frames.length / r.seconds).toFixed(0)} fps, ${r.seconds.toFixed(2)} s`,
      );
      expect(withFace / frames.length).toBeGreaterThanOrEqual(0.99);
      expect(r.track.mainTrackId).toBe(0);
      const face = frames[0].faces[0];
      expect(face.landmarks).toHaveLength(MESH_POINTS * 3);
      // The mesh lies inside its box and the box inside the frame.
      expect(face.box.w).toBeGreaterThan(r.track.width * 0.15);
      expect(face.box.x).toBeGreaterThanOrEqual(0);
      expect(face.box.x + face.box.w).toBeLessThanOrEqual(r.track.width);
      // Chin (152) below the nose tip (1) below the eyes (33): upright, frame-pixel landmarks.
      const y = (i: number) => face.landmarks[3 * i + 1];
      expect(y(152)).toBeGreaterThan(y(1));
      expect(y(1)).toBeGreaterThan(y(33));
    });
  }

  it('reads the second analysis from the cache without running a model', async () => {
    const before = totalRuns();
    const r = await analyzeVideoReport(sharedMedia('talk5.mp4'));
    expect(r.fromCache).toBe(true);
    expect(totalRuns()).toBe(before);
    expect(r.track.frames.filter((f) => f.faces.length).length).toBeGreaterThan(100);
    // A different parameter is a different analysis: the main-track override is not.
    const overridden = await analyzeVideoReport(sharedMedia('talk5.mp4'), { mainTrackId: 7 });
    expect(overridden).toMatchObject({ fromCache: true, track: { mainTrackId: 7 } });
  });

  it('shares one run between simultaneous requests for the same analysis', async () => {
    const before = faceModelRuns['face-mesh-468'];
    const [a, b] = await Promise.all([
      analyzeVideoReport(sharedMedia('talk3.mp4'), { maxFrames: 20 }),
      analyzeVideoReport(sharedMedia('talk3.mp4'), { maxFrames: 20 }),
    ]);
    expect(faceModelRuns['face-mesh-468'] - before).toBe(20);
    expect(a.track.frames).toBe(b.track.frames);
  });

  it('recomputes over a corrupt cache file and still answers when the cache cannot be written', async () => {
    const first = await analyzeVideoReport(sharedMedia('talk2.mp4'), { maxFrames: 10 });
    writeFileSync(first.cachePath, 'RFT1 garbage');
    const again = await analyzeVideoReport(sharedMedia('talk2.mp4'), { maxFrames: 10 });
    expect(again.fromCache).toBe(false);
    expect(again.track.frames.every((f) => f.faces.length === 1)).toBe(true);
    // A file where the cache folder should be: the write fails, the analysis does not.
    const blocked = join(tmpDir('redub-face-blocked-'), 'not-a-dir');
    writeFileSync(blocked, '');
    configureEngine({ cacheDir: blocked });
    try {
      const r = await analyzeVideoReport(sharedMedia('talk2.mp4'), { maxFrames: 5 });
      expect(r.track.frames).toHaveLength(5);
      expect(r.cacheWriteError).toBeTruthy();
    } finally {
      useFaceEnv('redub-face-analyze-');
    }
  });

  it('gives an empty face list, not an error, for a video without a face', async () => {
    const clip = join(tmpDir('redub-noface-'), 'testsrc.mp4');
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-t', '2', '-pix_fmt', 'yuv420p', clip]);
    const r = await analyzeVideoReport(clip);
    expect(r.track.frames).toHaveLength(50);
    expect(r.track.frames.every((f) => f.faces.length === 0)).toBe(true);
    expect(r.track.mainTrackId).toBeNull();
  });

  it("FaceTrackStage attaches each frame's faces by index", async () => {
    const stage = new FaceTrackStage();
    const warnings: string[] = [];
    const ctx = { videoPath: sharedMedia('talk3.mp4'), options: {}, warn: (m: string) => warnings.push(m) } as unknown as StageContext;
    await stage.prepare(ctx);
    const frame = (index: number): VideoFrame => ({ index, time: index / 25, width: 590, height: 590, data: new Uint8Array(0) });
    const [a, b] = await stage.process([frame(3), frame(10_000)]);
    expect(facesOf(a)).toHaveLength(1);
    expect(facesOf(a)[0].landmarks).toBe(stage.track!.frames[3].faces[0].landmarks);
    expect(facesOf(b)).toHaveLength(1); // held frames past the end repeat the last faces
    expect(facesOf(frame(0))).toEqual([]);
    expect(warnings).toEqual([]);
    await stage.release();
  });
});

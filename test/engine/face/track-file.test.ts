import { describe, expect, it } from 'vitest';
import { analyzeVideoReport } from '../../../main/engine/face/analyze';
import { decodeTrack, encodeTrack } from '../../../main/engine/face/cache/track-file';
import type { FaceTrack } from '../../../main/engine/face/types';
import { sharedMedia } from '../../helpers/media';
import { useFaceEnv } from './face-env';

/** The same track in the float32 RFT1 layout (what older caches hold). */
function rft1(track: FaceTrack): Buffer {
  const header = {
    ...track,
    frames: track.frames.map((f) => [f.index, f.faces.map((x) => [x.trackId, x.box.x, x.box.y, x.box.w, x.box.h, x.score])]),
  };
  const json = Buffer.from(JSON.stringify(header));
  const faces = track.frames.flatMap((f) => f.faces);
  const blob = new Float32Array(faces.length * 1404);
  faces.forEach((f, i) => blob.set(f.landmarks, i * 1404));
  const head = Buffer.alloc(8);
  head.write('RFT1', 0, 'ascii');
  head.writeUInt32LE(json.length, 4);
  return Buffer.concat([head, json, Buffer.from(blob.buffer)]);
}

describe('the face-track cache file (int16 landmarks relative to the face box)', () => {
  it('round-trips within half a step (< 0.01 px here), at half the size; RFT1 files still load; cached = computed', async () => {
    useFaceEnv('redub-track-file-');
    const computed = await analyzeVideoReport(sharedMedia('talk3.mp4'), { maxFrames: 20 });
    const cached = await analyzeVideoReport(sharedMedia('talk3.mp4'), { maxFrames: 20 });
    expect(cached.fromCache).toBe(true);
    // What the first run used is exactly what the cache gives back: outputs do not depend on the cache.
    const face = (t: FaceTrack, i: number) => t.frames[i].faces[0];
    for (let i = 0; i < 20; i++) expect(face(cached.track, i).landmarks).toEqual(face(computed.track, i).landmarks);

    // Off-grid landmarks (as a model gives them): the error is at most half the step of the face's box.
    const jittered: FaceTrack = {
      ...computed.track,
      frames: computed.track.frames.map((f) => ({
        ...f,
        faces: f.faces.map((x) => ({ ...x, landmarks: x.landmarks.map((v) => v + Math.random() - 0.5) })),
      })),
    };
    const buf = encodeTrack(jittered);
    const back = decodeTrack(buf)!;
    let worst = 0;
    let worstStep = 0;
    jittered.frames.forEach((f, i) =>
      f.faces.forEach((x, j) => {
        const step = Math.max(x.box.w, x.box.h) / 32767;
        worstStep = Math.max(worstStep, step);
        const y = back.frames[i].faces[j].landmarks;
        for (let k = 0; k < y.length; k++) worst = Math.max(worst, Math.abs(y[k] - x.landmarks[k]) / step);
      }),
    );
    console.info(`max round-trip error ${worst.toFixed(3)} steps (step ≤ ${worstStep.toFixed(4)} px)`);
    // Half a step, plus float32 rounding of the decoded pixel value (≈ 3e-5 px at 400 px).
    expect(worst).toBeLessThanOrEqual(0.51);
    expect(worst * worstStep).toBeLessThan(0.01);
    // Half of RFT1's float32 (2.8 KB a face instead of 5.6, plus the same JSON header).
    const old = rft1(jittered);
    const landmarkBytes = 20 * 1404;
    expect(old.length - buf.length).toBe(landmarkBytes * 2);
    // An RFT1 file (older cache) still decodes, to its float landmarks.
    expect(face(decodeTrack(old)!, 5).landmarks).toEqual(face(jittered, 5).landmarks);
  }, 180_000);
});

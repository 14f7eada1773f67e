import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeVideoReport } from '../../../main/engine/face/analyze';
import { faceHeight } from '../../../main/engine/face/geometry';
import { videoSpeakers } from '../../../main/engine/speakers/speakers';
import { ffmpeg, sharedMedia, tmpDir } from '../../helpers/media';
import { useFaceEnv } from './face-env';

const dir = tmpDir('redub-face-scenes-');
const twoFaces = join(dir, 'two-faces.mp4');
const smallFace = join(dir, 'small-face.mp4');
const blackout = join(dir, 'blackout.mp4');

beforeAll(async () => {
  useFaceEnv('redub-face-scenes-cache-');
  // talk3 and talk5 side by side, 2 s.
  const stack = '[0:v]scale=400:400,setsar=1[a];[1:v]scale=400:400,setsar=1,fps=25[b];[a][b]hstack,trim=duration=2';
  await ffmpeg([
    '-i',
    sharedMedia('talk3.mp4'),
    '-i',
    sharedMedia('talk5.mp4'),
    '-filter_complex',
    stack,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    twoFaces,
  ]);
  // A 200-px head in a 1080p frame: too small for the short-range detector.
  await ffmpeg([
    '-i',
    sharedMedia('talk5.mp4'),
    '-frames:v',
    '10',
    '-vf',
    'scale=200:200,pad=1920:1080:100:700',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    smallFace,
  ]);
  // talk3's first 2 s with frames 20–34 black: the face is lost, then found again.
  await ffmpeg([
    '-i',
    sharedMedia('talk3.mp4'),
    '-frames:v',
    '50',
    '-vf',
    "drawbox=c=black:t=fill:enable='between(n,20,34)'",
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    blackout,
  ]);
});

describe('face tracking scenes', () => {
  it('follows two faces with two stable ids and lets the caller override the main speaker', async () => {
    const r = await analyzeVideoReport(twoFaces);
    const frames = r.track.frames;
    expect(frames.filter((f) => f.faces.length === 2).length / frames.length).toBeGreaterThanOrEqual(0.95);
    const ids = new Set(frames.flatMap((f) => f.faces.map((x) => x.trackId)));
    expect(ids.size).toBe(2);
    // Ids stay on their side of the frame.
    for (const f of frames) {
      for (const face of f.faces) {
        const left = face.box.x + face.box.w / 2 < 400;
        expect(left).toBe(face.trackId === frames[0].faces.find((x) => x.box.x < 400)!.trackId);
      }
    }
    expect(ids.has(r.track.mainTrackId!)).toBe(true);
    const other = [...ids].find((id) => id !== r.track.mainTrackId)!;
    expect((await analyzeVideoReport(twoFaces, { mainTrackId: other })).track.mainTrackId).toBe(other);
  });

  it('finds a small, far face through the full-range detector', async () => {
    const r = await analyzeVideoReport(smallFace);
    expect(r.track.frames.every((f) => f.faces.length === 1)).toBe(true);
    const box = r.track.frames[0].faces[0].box;
    expect(box.x).toBeGreaterThan(100);
    expect(box.x + box.w).toBeLessThan(300);
    expect(box.y).toBeGreaterThan(700);
  });

  it('analyses a large video at a capped size and returns landmarks in source pixels', async () => {
    const full = await analyzeVideoReport(sharedMedia('talk5.mp4'), { maxFrames: 30 });
    const half = await analyzeVideoReport(sharedMedia('talk5.mp4'), { maxFrames: 30, maxSide: 262 });
    expect(half.fromCache).toBe(false); // a different analysis size is a different cache entry
    let err = 0,
      n = 0;
    full.track.frames.forEach((f, i) => {
      const a = f.faces[0].landmarks,
        b = half.track.frames[i].faces[0].landmarks;
      const h = faceHeight(a);
      for (let k = 0; k < a.length; k += 3) {
        err += Math.hypot(a[k] - b[k], a[k + 1] - b[k + 1]) / h;
        n++;
      }
    });
    expect(half.track.width).toBe(524);
    expect(err / n).toBeLessThan(0.02);
  });

  it('loses the face on black frames without an error and finds it again as the same speaker', async () => {
    const r = await analyzeVideoReport(blackout);
    const counts = r.track.frames.map((f) => f.faces.length);
    expect(counts.slice(20, 35).every((c) => c === 0)).toBe(true);
    expect(counts.slice(0, 20).every((c) => c === 1)).toBe(true);
    expect(counts.slice(36).every((c) => c === 1)).toBe(true);
    // The cuts into and out of black restart tracking; re-identification joins the two tracks again.
    const speakers = videoSpeakers(r.track);
    expect(speakers).toHaveLength(1);
    expect(new Set(speakers[0].trackIds)).toEqual(new Set(r.track.frames.flatMap((f) => f.faces.map((x) => x.trackId))));
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeSpeakers } from '../../../main/engine/speakers/analyze-speakers';
import { signatureDistance, trackSignatures } from '../../../main/engine/speakers/reidentify';
import { speakerTrack } from '../../../main/engine/speakers/speakers';
import { tmpDir } from '../../helpers/media';
import { useFaceEnv } from '../face/face-env';
import { makeCutVideo, SHOT_STARTS } from '../scenes/shots';
import { makeTwoFaceVideo } from './two-faces';

const dir = tmpDir('redub-speakers-');
let cutVideo = '';
let twoFaces = '';

beforeAll(async () => {
  useFaceEnv('redub-speakers-cache-');
  [cutVideo, twoFaces] = await Promise.all([makeCutVideo(dir), makeTwoFaceVideo(dir)]);
});

describe('speakers: tracking within shots, re-identification across them', () => {
  it('talk3 | talk5 | talk3: 2 cuts, a new track per shot, and 2 speakers with talk3’s shots as one', async () => {
    const a = await analyzeSpeakers(cutVideo);
    expect(a.cuts).toEqual(SHOT_STARTS.slice(1));
    const shotOf = (i: number) => SHOT_STARTS.filter((s) => s <= i).length - 1;
    // No track crosses a cut: the tracker restarts there.
    const shotsOfTrack = new Map<number, Set<number>>();
    for (const fr of a.track.frames)
      for (const f of fr.faces) shotsOfTrack.set(f.trackId, (shotsOfTrack.get(f.trackId) ?? new Set()).add(shotOf(fr.index)));
    for (const shots of shotsOfTrack.values()) expect(shots.size).toBe(1);
    const sigs = trackSignatures(a.track);
    for (const x of sigs)
      for (const y of sigs)
        if (x.trackId < y.trackId) console.info(`tracks ${x.trackId}–${y.trackId}: ${JSON.stringify(signatureDistance(x, y))}`);
    expect(a.speakers.map((s) => s.id)).toEqual(['speaker1', 'speaker2']);
    const [talk3, talk5] = a.speakers;
    const shotsOf = (ids: number[]) => [...new Set(ids.flatMap((id) => [...shotsOfTrack.get(id)!]))].sort();
    expect(shotsOf(talk3.trackIds)).toEqual([0, 2]);
    expect(shotsOf(talk5.trackIds)).toEqual([1]);
    expect(talk3.frames).toBeGreaterThanOrEqual(140);
    expect(talk5.frames).toBeGreaterThanOrEqual(70);
    // Thumbnails: real PNG files in the cache.
    for (const s of a.speakers) {
      expect(existsSync(s.thumbnail)).toBe(true);
      expect(readFileSync(s.thumbnail).subarray(1, 4).toString()).toBe('PNG');
    }
    // One speaker is one track id across the shots in the relabelled track.
    const relabelled = speakerTrack(a.track, a.speakers);
    expect(relabelled.frames[10].faces[0].trackId).toBe(1);
    expect(relabelled.frames[200].faces[0].trackId).toBe(1);
    expect(relabelled.frames[100].faces[0].trackId).toBe(2);
  });

  it('two faces side by side are two speakers, left first', async () => {
    const a = await analyzeSpeakers(twoFaces);
    expect(a.cuts).toEqual([]);
    expect(a.speakers.length).toBe(2);
    const t = speakerTrack(a.track, a.speakers);
    const centre = (n: number) => {
      const f = t.frames[60].faces.find((x) => x.trackId === n)!;
      return f.box.x + f.box.w / 2;
    };
    expect(centre(1)).toBeLessThan(t.width / 2);
    expect(centre(2)).toBeGreaterThan(t.width / 2);
  });
});

import { analyzeSpeakers } from './analyze-speakers';
import type { FaceTrack } from '../face/types';
import type { NewSpeaker } from '../store';

type Box = { x: number; y: number; w: number; h: number };

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;

/** Each face track's median box (source pixels) and how many frames it is on screen. */
export function trackBoxes(track: FaceTrack): { trackId: number; frames: number; box: Box }[] {
  const boxes = new Map<number, Box[]>();
  for (const fr of track.frames) for (const f of fr.faces) boxes.set(f.trackId, [...(boxes.get(f.trackId) ?? []), f.box]);
  return [...boxes].map(([trackId, b]) => ({
    trackId,
    frames: b.length,
    box: { x: median(b.map((x) => x.x)), y: median(b.map((x) => x.y)), w: median(b.map((x) => x.w)), h: median(b.map((x) => x.h)) },
  }));
}

/** The speakers of a video as a project stores them, and where each face track typically is. */
export async function speakerFaces(videoPath: string): Promise<{ speakers: NewSpeaker[]; tracks: ReturnType<typeof trackBoxes> }> {
  const a = await analyzeSpeakers(videoPath);
  return {
    speakers: a.speakers.map((s) => ({ id: s.id, name: s.name, trackIds: s.trackIds, frames: s.frames, thumbnail: s.thumbnail })),
    tracks: trackBoxes(a.track),
  };
}

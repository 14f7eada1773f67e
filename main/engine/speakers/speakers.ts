import type { FaceTrack, TrackedFace } from '../face/types';
import { groupTracks } from './reidentify';

/** A person who appears in the video: the face tracks of every shot they are in. */
export interface VideoSpeaker {
  /** "speaker1", "speaker2"… in order of first appearance. */
  id: string;
  /** The speaker's number: their track id in speakerTrack()'s relabelled track. */
  number: number;
  name: string;
  trackIds: number[];
  /** Frames with this speaker's face on screen. */
  frames: number;
  firstFrame: number;
  /** The frame their thumbnail shows: the largest, surest view of the face. */
  thumbnailFrame: number;
}

/** A group seen for less than this (seconds) is a false detection or a passer-by, not a speaker. */
const MIN_SPEAKER_SECONDS = 0.5;
/** Relabelled track ids of faces that belong to no speaker: never a lip-sync target. */
export const NO_SPEAKER_BASE = 1000;

export const speakerId = (n: number) => `speaker${n}`;

/** How much of the video a group of tracks is on screen, and its best view (for the thumbnail). */
export function tracksOnScreen(track: FaceTrack, ids: number[]): Pick<VideoSpeaker, 'frames' | 'firstFrame' | 'thumbnailFrame'> {
  let frames = 0,
    firstFrame = Infinity,
    best = -Infinity,
    thumbnailFrame = 0;
  for (const fr of track.frames)
    for (const f of fr.faces) {
      if (!ids.includes(f.trackId)) continue;
      frames++;
      firstFrame = Math.min(firstFrame, fr.index);
      const look = f.box.w * f.box.h * f.score;
      if (look > best) [best, thumbnailFrame] = [look, fr.index];
    }
  return { frames, firstFrame, thumbnailFrame };
}

/** The people of a video (re-identified across shots), in order of first appearance. */
export function videoSpeakers(track: FaceTrack): VideoSpeaker[] {
  const out: VideoSpeaker[] = [];
  for (const ids of groupTracks(track)) {
    const seen = tracksOnScreen(track, ids);
    if (seen.frames < MIN_SPEAKER_SECONDS * track.fps) continue;
    const number = out.length + 1;
    out.push({ id: speakerId(number), number, name: `Speaker ${number}`, trackIds: ids, ...seen });
  }
  return out;
}

/**
 * The track with every face labelled by its speaker's number (faces of no speaker get
 * NO_SPEAKER_BASE + their track id), so one speaker is one track id across shots. mainTrackId
 * becomes `main` (a speaker number), or the speaker the original main track belongs to.
 */
export function speakerTrack(track: FaceTrack, speakers: VideoSpeaker[], main?: number): FaceTrack {
  const label = new Map<number, number>();
  for (const s of speakers) for (const id of s.trackIds) label.set(id, s.number);
  const relabel = (f: TrackedFace): TrackedFace => ({ ...f, trackId: label.get(f.trackId) ?? NO_SPEAKER_BASE + f.trackId });
  const frames = track.frames.map((fr) => ({ index: fr.index, faces: fr.faces.map(relabel) }));
  const mainTrackId = main ?? (track.mainTrackId === null ? null : (label.get(track.mainTrackId) ?? null));
  return { ...track, frames, mainTrackId };
}

/** The speaker whose track was chosen as the main speaker (the default for lines with none). */
export function mainSpeakerOf(track: FaceTrack, speakers: VideoSpeaker[]): VideoSpeaker | undefined {
  return speakers.find((s) => track.mainTrackId !== null && s.trackIds.includes(track.mainTrackId)) ?? speakers[0];
}

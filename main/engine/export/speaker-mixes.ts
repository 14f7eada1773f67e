import { join } from 'node:path';
import { RedubError } from '../errors';
import { analyzeVideo } from '../face/analyze';
import type { DubClip } from '../media/audio-mix';
import type { PlacedClip } from '../media/clip-fit';
import { renderMixToWav } from '../media/render-mix';
import type { SpeakerLines } from '../speakers/lines';
import { mainSpeakerOf, videoSpeakers } from '../speakers/speakers';
import type { LipsyncRequest } from '../stages/options';

/** A project speaker as an export needs it: the analysis's face tracks that are this person. */
export interface ExportSpeaker {
  id: string;
  trackIds: number[];
}

interface SpeakerMixInput {
  video: string;
  clips: PlacedClip[];
  /** The clips as fitted to their slots (same order as `clips`). */
  fitted: DubClip[];
  speakers?: ExportSpeaker[];
  workDir: string;
  duration: number;
  lipsync: LipsyncRequest;
  signal?: AbortSignal;
}

/** The speaker that clips without one drive: the one whose tracks hold the analysis's main track. */
async function mainSpeaker(video: string, speakers: ExportSpeaker[], signal?: AbortSignal): Promise<string> {
  const track = await analyzeVideo(video, { signal });
  const main = track.mainTrackId;
  if (speakers.length) return (speakers.find((s) => main !== null && s.trackIds.includes(main)) ?? speakers[0]).id;
  const found = mainSpeakerOf(track, videoSpeakers(track));
  if (!found) throw new RedubError('NO_FACE', 'clips are assigned to speakers, but the video has no speaker', video);
  return found.id;
}

/**
 * Each speaker's own dub for their lip-sync when a language's clips name speakers: the clips of
 * that speaker mixed on the output timeline (silence elsewhere, so their mouth rests while others
 * speak). Clips without a speaker go to the main speaker. Undefined when no clip names one: the
 * one-face path, exactly as before.
 */
export async function speakerLinesFor(m: SpeakerMixInput): Promise<SpeakerLines[] | undefined> {
  if (m.lipsync.engine === 'none' || !m.clips.some((c) => c.speaker)) return undefined;
  if (m.lipsync.engine !== 'builtin') {
    throw new RedubError('INVALID_ARGUMENT', `clips on several speakers need the builtin lip-sync (got ${m.lipsync.engine})`, m.video);
  }
  const groups = m.speakers ?? [];
  const main = m.clips.some((c) => !c.speaker) ? await mainSpeaker(m.video, groups, m.signal) : '';
  const bySpeaker = new Map<string, DubClip[]>();
  m.clips.forEach((c, i) => {
    const id = c.speaker ?? main;
    bySpeaker.set(id, [...(bySpeaker.get(id) ?? []), m.fitted[i]]);
  });
  const lines: SpeakerLines[] = [];
  for (const [id, own] of bySpeaker) {
    const group = groups.find((g) => g.id === id);
    if (groups.length && !group)
      throw new RedubError('INVALID_ARGUMENT', `a clip names speaker "${id}", who is not in this project`, m.video);
    const audioPath = await renderMixToWav({ clips: own, duration: m.duration, padSilence: true }, join(m.workDir, `dub-mix-${id}.wav`));
    lines.push({ speaker: id, audioPath, offset: 0, ...(group ? { trackIds: group.trackIds } : {}) });
  }
  return lines;
}

import { analyzeVideoReport, type AnalyzeOptions } from '../face/analyze';
import type { FaceTrack } from '../face/types';
import { speakerThumbnails } from './thumbnails';
import { videoSpeakers, type VideoSpeaker } from './speakers';

export interface SpeakerAnalysis {
  /** The face track as analysed (original track ids). */
  track: FaceTrack;
  speakers: (VideoSpeaker & { thumbnail: string })[];
  /** Frame indices where a new shot starts. */
  cuts: number[];
}

/** Faces (cached), their people across shots, and a thumbnail PNG each (cached). */
export async function analyzeSpeakers(videoPath: string, o: AnalyzeOptions = {}): Promise<SpeakerAnalysis> {
  const track = (await analyzeVideoReport(videoPath, o)).track;
  const speakers = videoSpeakers(track);
  const thumbs = await speakerThumbnails(videoPath, track, speakers);
  return { track, speakers: speakers.map((s) => ({ ...s, thumbnail: thumbs.get(s.id)! })), cuts: track.cuts ?? [] };
}

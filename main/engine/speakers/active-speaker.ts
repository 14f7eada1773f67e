import { bestLagCorrelation } from '../analysis/lagged-correlation';
import { frameLoudnessDb } from '../analysis/loudness';
import { RedubError } from '../errors';
import { mouthOpenness } from '../face/geometry';
import type { FaceTrack } from '../face/types';
import { decodeAudio } from '../media/audio-decode';
import { probeMedia } from '../media/probe';
import type { VideoSpeaker } from './speakers';
import { speechStretches, type SpeechStretch } from './stretches';

export const ANALYSIS_RATE = 16000;

export interface AssignedStretch extends SpeechStretch {
  /** The speaker talking in the original at that time. */
  speaker: string;
  /** Each visible speaker's score there (mouth–sound correlation of the original). */
  scores: Record<string, number>;
}

/** The original is looked at this much (s) beyond each stretch: a line rarely matches a sentence exactly. */
const CONTEXT = 0.25;
/** Sound this far (dB) under the loudest frame counts as silence: room noise says nothing about mouths. */
const FLOOR_DB = 40;
/** A speaker must be on screen for this share of a stretch to be its speaker. */
const MIN_VISIBLE = 0.5;

/** Loudness per video frame of a file's audio, shifted to start at `offset` s on the output timeline. */
export async function loudnessOnTimeline(path: string, fps: number, frames: number, offset = 0): Promise<Float64Array> {
  const samples = await decodeAudio(path, { sampleRate: ANALYSIS_RATE, channels: 1 });
  const own = frameLoudnessDb(samples, ANALYSIS_RATE, fps, Math.ceil((samples.length / ANALYSIS_RATE) * fps));
  const out = new Float64Array(frames).fill(-120);
  const shift = Math.round(offset * fps);
  own.forEach((v, i) => i + shift >= 0 && i + shift < frames && (out[i + shift] = v));
  return out;
}

function openness(track: FaceTrack, number: number): number[] {
  return track.frames.map((fr) => {
    const f = fr.faces.find((x) => x.trackId === number);
    return f ? mouthOpenness(f.landmarks) : NaN;
  });
}

/**
 * Active speaker detection: each stretch of speech in the dub goes to the speaker whose mouth
 * moves with the ORIGINAL audio at that time (best correlation of mouth openness with the
 * original's loudness, lips leading by up to 2 frames). `track` is relabelled (speakerTrack()).
 */
export async function assignStretches(
  videoPath: string,
  track: FaceTrack,
  speakers: VideoSpeaker[],
  dub: { path: string; offset: number },
  frames: number,
): Promise<AssignedStretch[]> {
  if (!(await probeMedia(videoPath)).audio.length) {
    throw new RedubError(
      'INVALID_ARGUMENT',
      '--speakers auto needs the original audio to tell who speaks when; this video has none',
      videoPath,
    );
  }
  const original = await loudnessOnTimeline(videoPath, track.fps, track.frames.length);
  const top = Math.max(...original);
  const sound = Array.from(original, (v) => Math.max(v, top - FLOOR_DB));
  const mouths = new Map(speakers.map((s) => [s.id, openness(track, s.number)]));
  const stretches = speechStretches(await loudnessOnTimeline(dub.path, track.fps, frames, dub.offset), track.fps);
  return stretches.map((st) => {
    const a = Math.max(0, st.start - Math.round(CONTEXT * track.fps));
    const b = Math.min(track.frames.length, st.end + Math.round(CONTEXT * track.fps));
    const scores: Record<string, number> = {};
    for (const s of speakers) {
      const m = mouths.get(s.id)!.slice(a, b);
      if (b <= a || m.filter(Number.isFinite).length < MIN_VISIBLE * (b - a)) continue;
      const r = bestLagCorrelation(m, sound.slice(a, b)).best;
      if (Number.isFinite(r)) scores[s.id] = r;
    }
    const ranked = Object.entries(scores).sort((x, y) => y[1] - x[1]);
    return { ...st, speaker: ranked[0]?.[0] ?? mainOf(track, speakers), scores };
  });
}

/** Past the source's end, or with nobody on screen: the main speaker. */
function mainOf(track: FaceTrack, speakers: VideoSpeaker[]): string {
  return speakers.find((s) => s.number === track.mainTrackId)?.id ?? speakers[0].id;
}

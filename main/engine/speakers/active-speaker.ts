import { bestLagCorrelation } from '../analysis/lagged-correlation';
import { frameLoudnessDb } from '../analysis/loudness';
import { RedubError } from '../errors';
import { mouthOpenness } from '../face/geometry';
import type { FaceTrack } from '../face/types';
import { decodeAudio } from '../media/audio-decode';
import { probeMedia } from '../media/probe';
import { melSpectrogramOfFile } from '../audio-features/mel';
import { mouthShape } from '../lipsync/builtin/mouth-shape';
import { speechFeatures } from '../lipsync/builtin/speech-features';
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

interface MouthCues {
  open: number[];
  /** How fast the lip contour moves (mouthShape() units per frame). */
  speed: number[];
}

function mouthCues(track: FaceTrack, number: number): MouthCues {
  const shapes = track.frames.map((fr) => {
    const f = fr.faces.find((x) => x.trackId === number);
    return f && { open: mouthOpenness(f.landmarks), shape: mouthShape(f.landmarks) };
  });
  const speed = shapes.map((m, i) => {
    const prev = shapes[i - 1];
    return m && prev ? Math.hypot(...Array.from(m.shape, (v, k) => v - prev.shape[k])) : NaN;
  });
  return { open: shapes.map((m) => m?.open ?? NaN), speed };
}

interface SoundCues {
  loud: number[];
  /** |Δ loudness|: onsets and offsets of syllables. */
  change: number[];
  /** Energy above 3 kHz ([1 2 1]-smoothed): fricatives and open vowels, which the lips shape. */
  high: number[];
}

async function soundCues(videoPath: string, fps: number, frames: number): Promise<SoundCues> {
  const db = await loudnessOnTimeline(videoPath, fps, frames);
  const top = Math.max(...db);
  const loud = Array.from(db, (v) => Math.max(v, top - FLOOR_DB));
  const bands = speechFeatures(await melSpectrogramOfFile(videoPath), fps, frames).bands.map((b) => b[3]);
  const high = bands.map((v, i) => (bands[i - 1] ?? v) + 2 * v + (bands[i + 1] ?? v));
  return { loud, change: loud.map((v, i) => (i ? Math.abs(v - loud[i - 1]) : 0)), high };
}

/**
 * How well a mouth goes with the sound over frames [a, b): the mean of four lagged correlations
 * (openness with high-band energy and with loudness change, lip speed with loudness and with its
 * change). Measured on talk3/talk5 with their own and each other's audio: no single pair told
 * them apart on a 2-s line; the mean did (own 1.25 and 1.78 vs other 0.62 and 0.51, summed).
 */
function syncScore(m: MouthCues, s: SoundCues, a: number, b: number): number {
  const r = (x: number[], y: number[]) => bestLagCorrelation(x.slice(a, b), y.slice(a, b)).best;
  const parts = [r(m.open, s.high), r(m.open, s.change), r(m.speed, s.loud), r(m.speed, s.change)].filter(Number.isFinite);
  return parts.length ? parts.reduce((x, y) => x + y, 0) / parts.length : NaN;
}

/**
 * Active speaker detection: each stretch of speech in the dub goes to the speaker whose mouth
 * moves with the ORIGINAL audio at that time (syncScore(): mouth–sound correlations, the lips
 * leading by up to 2 frames). `track` is relabelled (speakerTrack()).
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
  const sound = await soundCues(videoPath, track.fps, track.frames.length);
  const mouths = new Map(speakers.map((s) => [s.id, mouthCues(track, s.number)]));
  const stretches = speechStretches(await loudnessOnTimeline(dub.path, track.fps, frames, dub.offset), track.fps);
  return stretches.map((st) => {
    const a = Math.max(0, st.start - Math.round(CONTEXT * track.fps));
    const b = Math.min(track.frames.length, st.end + Math.round(CONTEXT * track.fps));
    const scores: Record<string, number> = {};
    for (const s of speakers) {
      const m = mouths.get(s.id)!;
      if (b <= a || m.open.slice(a, b).filter(Number.isFinite).length < MIN_VISIBLE * (b - a)) continue;
      const r = syncScore(m, sound, a, b);
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

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedubError } from '../errors';
import { analyzeVideo } from '../face/analyze';
import type { Progress } from '../pipeline/progress';
import { assignStretches } from './active-speaker';
import type { SpeakerLines } from './lines';
import { speakerTrack, videoSpeakers } from './speakers';
import { writeSpeakerAudio } from './speaker-audio';

/** Who a `redub dub` speaks through: one speaker (`--speaker ID`) or each line's own (`--speakers auto`). */
export interface DubSpeakerChoice {
  speaker?: string;
  speakers?: 'auto';
}

export interface DubSpeakerPlan {
  lines: SpeakerLines[];
  /** Each stretch of dub speech and its speaker, seconds on the output timeline (auto only). */
  assigned: { start: number; end: number; speaker: string; scores: Record<string, number> }[];
  /** Removes the per-speaker audio files. */
  dispose(): Promise<void>;
}

interface DubInput {
  video: string;
  audio: string;
  offset: number;
  frames: number;
  engine: string;
  signal?: AbortSignal;
  onPhase?(phase: string, progress?: Progress): void;
}

/** The speaker lines of a dub run, or undefined for today's behaviour (the main speaker follows the dub). */
export async function dubSpeakerPlan(choice: DubSpeakerChoice, d: DubInput): Promise<DubSpeakerPlan | undefined> {
  if (!choice.speaker && !choice.speakers) return undefined;
  if (choice.speaker && choice.speakers) throw new RedubError('INVALID_ARGUMENT', 'use either --speaker ID or --speakers auto, not both');
  if (d.engine !== 'builtin') throw new RedubError('INVALID_ARGUMENT', `--speaker/--speakers need --lipsync builtin (got ${d.engine})`);
  if (choice.speaker)
    return { lines: [{ speaker: choice.speaker, audioPath: d.audio, offset: d.offset }], assigned: [], dispose: async () => {} };
  const track = await analyzeVideo(d.video, { signal: d.signal, onProgress: (p) => d.onPhase?.('analysing faces', p) });
  const speakers = videoSpeakers(track);
  if (!speakers.length) throw new RedubError('NO_FACE', '--speakers auto found no speaker in the video', d.video);
  d.onPhase?.('finding who speaks when');
  const relabelled = speakerTrack(track, speakers);
  const stretches = await assignStretches(d.video, relabelled, speakers, { path: d.audio, offset: d.offset }, d.frames);
  const dir = await mkdtemp(join(tmpdir(), 'redub-speakers-'));
  const lines: SpeakerLines[] = [];
  try {
    for (const s of speakers) {
      const own = stretches.filter((x) => x.speaker === s.id);
      if (!own.length) continue; // no lines: this face keeps its frames
      const audioPath = join(dir, `${s.id}.wav`);
      await writeSpeakerAudio(d.audio, d.offset, track.fps, own, audioPath);
      lines.push({ speaker: s.id, audioPath, offset: d.offset });
    }
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  const seconds = (f: number) => f / track.fps;
  return {
    lines,
    assigned: stretches.map((x) => ({ start: seconds(x.start), end: seconds(x.end), speaker: x.speaker, scores: x.scores })),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

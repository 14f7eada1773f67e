import type { SubtitleJob } from '../export/export-language';
import type { AudioMix } from '../media/audio-mix';
import type { EncodeSettings } from '../media/encoders';
import type { VideoStreamInfo } from '../media/probe';
import type { LipsyncRequest } from '../stages/options';
import type { PathGuard } from './path-guard';

/** One chunk of one language: everything a worker needs, with no access to the project file. */
export interface ChunkJobData {
  exportId: string;
  language: string;
  index: number;
  /** Content key of the chunk (its file name). */
  key: string;
  video: string;
  info: VideoStreamInfo;
  /** Output frames [start, end) and the output's length. */
  start: number;
  end: number;
  frameCount: number;
  encode: EncodeSettings;
  lipsync: LipsyncRequest;
  /** The language's dub on the output timeline (lip-sync follows it); none when lip-sync is off. */
  audioPath?: string;
  /** Where the finished chunk is renamed into place. */
  out: string;
  batchSize: number;
}

/** The parent of a language's flow: joins its chunks by stream copy and mixes its audio. */
export interface AssembleJobData {
  exportId: string;
  language: string;
  chunks: string[];
  out: string;
  encode: EncodeSettings;
  mix: AudioMix;
  /** An In–Out export: the frames kept of the joined chunks (as the local export's assembly trims them). */
  trim?: { start: number; frames: number };
  /** Written beside the output once it is assembled (--subtitles). */
  subtitles?: SubtitleJob;
}

export interface ChunkResult {
  worker: string;
  /** false: the chunk was already on disk (a retake after a crash, or a race): nothing rendered. */
  rendered: boolean;
}

export interface FarmProgress {
  done: number;
  fps: number;
  worker: string;
}

/** The job's paths as this worker sees them (--map), each checked against the allowed roots (--allow). */
export function localChunk(d: ChunkJobData, guard: PathGuard): ChunkJobData {
  return {
    ...d,
    video: guard.local(d.video),
    out: guard.local(d.out),
    audioPath: d.audioPath === undefined ? undefined : guard.local(d.audioPath),
    // A per-speaker project: each speaker's own dub mix is read too (mapped and checked like the rest).
    lipsync: d.lipsync.speakers
      ? { ...d.lipsync, speakers: d.lipsync.speakers.map((l) => ({ ...l, audioPath: guard.local(l.audioPath) })) }
      : d.lipsync,
  };
}

export function localAssemble(d: AssembleJobData, guard: PathGuard): AssembleJobData {
  const mix: AudioMix = {
    ...d.mix,
    clips: d.mix.clips.map((c) => ({ ...c, file: guard.local(c.file) })),
    original: d.mix.original && { ...d.mix.original, file: guard.local(d.mix.original.file) },
  };
  const subtitles = d.subtitles && { ...d.subtitles, path: guard.local(d.subtitles.path) };
  return { ...d, chunks: d.chunks.map((c) => guard.local(c)), out: guard.local(d.out), mix, subtitles };
}

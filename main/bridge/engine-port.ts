import type { EmotionTemplate } from '../../common/domain';
import type { ExportFrameRequest } from '../engine/preview/export-frame';
import type { MediaRole, NewMedia, NewSpeaker } from '../engine/store';

/**
 * The engine work the editor needs. In Electron it runs in a utilityProcess (engine-host),
 * reached through a message proxy; in browser mode and tests it runs in-process.
 * Every method takes plain data and returns plain data, so it can cross a process boundary.
 */
export interface EditorEngine {
  /**
   * A file as a project stores it (probe facts + content hash): the engine's describeSource /
   * describeDub, the same ones `redub project create` uses. Refuses a file of the wrong kind.
   */
  describeMedia(path: string, role: MediaRole): Promise<NewMedia>;
  /** One JPEG of the source at `time` (seconds), at most `maxWidth` wide. */
  extractFrame(path: string, time: number, maxWidth: number): Promise<Uint8Array>;
  /** Max-abs peaks (0..1) of the first audio stream, `peaksPerSecond` per second. */
  waveformPeaks(path: string, peaksPerSecond: number): Promise<{ peaks: number[]; duration: number }>;
  /**
   * The edited frame at `time` (built-in lip-sync for the dub, then the segment's emotion warp),
   * as a PNG. Slow parts (face track, plan, mouth bank) are cached per project, so after the
   * first request a frame is one decode and one composite.
   */
  renderLipsyncFrame(req: EditedFrameRequest): Promise<EditedFrame>;
  /** Starts the slow parts of the preview (analysis, plan, bank) before the first request. */
  warmPreview(req: { projectId: string; videoPath: string; dub: { path: string; offset: number } | null }): Promise<void>;
  /**
   * The people of the video (analysis cached) as a project stores them, and each face track's
   * typical box (source pixels), for the preview's outline of the face a line drives.
   */
  describeSpeakers(videoPath: string): Promise<SpeakerFaces>;
  /** Drops a project's preview cache (closed project, changed dub). */
  releasePreview(projectId: string): Promise<void>;
  /**
   * The user chose another models folder. Only an engine in another process needs telling (the
   * in-process one reads the same settings as the API).
   */
  setModelsDir?(dir: string): Promise<void>;
}

export interface SpeakerFaces {
  speakers: NewSpeaker[];
  tracks: { trackId: number; frames: number; box: { x: number; y: number; w: number; h: number } }[];
}

export interface EditedFrameRequest {
  projectId: string;
  videoPath: string;
  time: number;
  dub: { path: string; offset: number } | null;
  segments: { start: number; end: number; emotionTemplate: EmotionTemplate; intensity: number; lipsyncEnabled: boolean }[];
  /** The language's render as the export makes it, when its clips name speakers (engine/preview/preview-frame.ts). */
  render?: ExportFrameRequest;
}

export interface EditedFrame {
  png: Uint8Array;
  width: number;
  height: number;
  frameIndex: number;
  lipsynced: boolean;
  expression: boolean;
  mouthBox: { x: number; y: number; w: number; h: number } | null;
  /** Engine time for this frame, ms (shown in the monitor; the bench target is ≤ 150 ms). */
  ms: number;
}

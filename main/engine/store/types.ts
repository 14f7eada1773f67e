/**
 * Domain types of a Redub project as the engine and the editor see them.
 * Rows are snake_case in SQLite; these are their camelCase mirrors.
 * Times on the timeline are seconds (floats); timestamps are milliseconds since the epoch.
 */

// The lists of names live once, in the contract every layer shares; the SQL CHECKs of the schema
// must match them (test/engine/store/names.test.ts).
import { EMOTION_TEMPLATES, MISMATCH_POLICIES } from '../../../common/domain';

export { EMOTION_TEMPLATES, MISMATCH_POLICIES };

export type JsonObject = { [key: string]: unknown };

export interface Project {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  settings: JsonObject;
}

export type MediaRole = 'source' | 'dub';

export interface MediaRef {
  id: string;
  projectId: string;
  role: MediaRole;
  path: string;
  contentHash: string | null;
  duration: number | null;
  fps: number | null;
  width: number | null;
  height: number | null;
  /** Raw probe result (MediaInfo or similar), kept so the editor need not re-probe. */
  probe: JsonObject | null;
  createdAt: number;
}

export interface DubTrack {
  id: string;
  projectId: string;
  /** BCP-47 tag, canonicalised (e.g. "pt-BR"). */
  language: string;
  name: string;
  gainDb: number;
  muted: boolean;
  createdAt: number;
}

/** What a clip does when its audio and its slot on the timeline differ in length (see media/clip-fit.ts). */
export type MismatchPolicy = (typeof MISMATCH_POLICIES)[number];

export interface DubClip {
  id: string;
  trackId: string;
  mediaId: string;
  /** Where the clip starts on the timeline (s). */
  start: number;
  /** Seconds cut from the head of the media. */
  trimStart: number;
  /** Seconds cut from the tail of the media. */
  trimEnd: number;
  gainDb: number;
  mismatch: MismatchPolicy;
  /** The speaker (ProjectSpeaker.id) whose face this clip's lines drive; null: the main speaker. */
  speaker: string | null;
  createdAt: number;
}

/** A person of the source video (face tracks re-identified across shots) with the user's name for them. */
export interface ProjectSpeaker {
  /** "speaker1", "speaker2"… as analysis numbered them. */
  id: string;
  projectId: string;
  name: string;
  /** The analysis's face track ids that are this person. */
  trackIds: number[];
  /** Frames with this speaker on screen. */
  frames: number;
  /** PNG of the face (in the analysis cache), or null. */
  thumbnail: string | null;
  createdAt: number;
}

export type EmotionTemplate = (typeof EMOTION_TEMPLATES)[number];

export interface Segment {
  id: string;
  projectId: string;
  start: number;
  end: number;
  emotionTemplate: EmotionTemplate;
  /** 0..1 strength of the emotion template. */
  intensity: number;
  lipsyncEnabled: boolean;
  /** Increments on every change; renders remember it to know what is stale. */
  revision: number;
  /** What is said in the segment (subtitle cue text, or typed); '' when unknown. */
  text: string;
  /** The speaker whose face the segment's settings apply to; null: the main speaker. */
  speaker: string | null;
  createdAt: number;
  updatedAt: number;
}

/** segment id -> revision at the time of a render. */
export type SegmentRevisions = Record<string, number>;

export interface RenderRecord {
  id: string;
  projectId: string;
  language: string;
  format: string;
  path: string;
  segmentRevisions: SegmentRevisions;
  settingsHash: string;
  jobId: string | null;
  createdAt: number;
}

export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface RenderJob {
  id: string;
  projectId: string;
  language: string;
  format: string;
  state: JobState;
  /** 0..1 */
  progress: number;
  /** Frames per second the render currently achieves. */
  fps: number | null;
  /** Seconds left, as last estimated. */
  eta: number | null;
  error: string | null;
  outPath: string;
  /** Render settings the job was enqueued with. */
  settings: JsonObject;
  settingsHash: string;
  attempts: number;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export const CHUNK_STATES = ['pending', 'done', 'failed'] as const;
export type ChunkState = (typeof CHUNK_STATES)[number];

export interface JobChunk {
  jobId: string;
  chunkIndex: number;
  startFrame: number;
  /** Exclusive. */
  endFrame: number;
  path: string | null;
  /** Hash of everything the chunk's pixels depend on; a resumed job reuses a chunk only if it matches. */
  contentKey: string;
  state: ChunkState;
  finishedAt: number | null;
}

export interface CacheEntry {
  key: string;
  kind: string;
  createdAt: number;
  payload: Buffer;
}

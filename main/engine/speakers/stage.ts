import { RedubError } from '../errors';
import { FaceTrackStage, type FaceFrame } from '../face/stage';
import type { FaceTrack, TrackedFace } from '../face/types';
import { BuiltinLipsyncStage } from '../lipsync/builtin/stage';
import type { VideoFrame } from '../pipeline/frame';
import type { FrameStage, StageContext } from '../pipeline/stage';
import type { SpeakerLines } from './lines';
import { speakerTrack, videoSpeakers, type VideoSpeaker } from './speakers';

/**
 * One speaker's view of the video's faces: the relabelled track (one id per person across
 * shots) with that speaker as the main one, so the one-face lip-sync engine, its plan and its
 * mouth bank work unchanged for each speaker.
 */
class SpeakerFaces extends FaceTrackStage {
  constructor(private readonly view: FaceTrack) {
    super();
  }

  override get track(): FaceTrack {
    return this.view;
  }
}

/** The speakers as a project groups their tracks (every line names its tracks), or undefined. */
function projectSpeakers(lines: SpeakerLines[]): VideoSpeaker[] | undefined {
  if (!lines.length || !lines.every((l) => l.trackIds?.length)) return undefined;
  return lines.map((l, i) => ({
    id: l.speaker,
    number: i + 1,
    name: l.speaker,
    trackIds: l.trackIds!,
    frames: 0,
    firstFrame: 0,
    thumbnailFrame: 0,
  }));
}

interface SpeakerPart {
  number: number;
  engine: BuiltinLipsyncStage;
}

/**
 * The built-in lip-sync for several speakers: each speaker's mouth follows only their own dub
 * audio (silence there: a closed, relaxed mouth), with their own bank and plan; faces of speakers
 * without lines keep their frames, and overlapping lines animate both faces. Each part sees only
 * its own face on a frame (never another speaker's as a fallback).
 */
export class SpeakersLipsyncStage implements FrameStage {
  readonly name = 'lipsync-speakers';
  readonly phase = 'building banks';
  private parts: SpeakerPart[] = [];
  private relabelled: FaceTrack | undefined;

  constructor(
    private readonly faces: FaceTrackStage,
    private readonly lines: SpeakerLines[],
  ) {}

  async prepare(ctx: StageContext): Promise<void> {
    const track = this.faces.track;
    if (!track) return;
    const speakers = projectSpeakers(this.lines) ?? videoSpeakers(track);
    this.relabelled = speakerTrack(track, speakers);
    for (const l of this.lines) {
      const s = speakers.find((x) => x.id === l.speaker);
      if (!s) {
        const known = speakers.map((x) => x.id).join(', ') || 'none';
        throw new RedubError('INVALID_ARGUMENT', `speaker "${l.speaker}" is not in this video (speakers: ${known})`, ctx.videoPath);
      }
      // The bank and plan caches key on videoHash: a speaker's own key (their tracks) never meets
      // the one-face run's bank of the same video, whose main track id may equal this number.
      const videoHash = `${track.videoHash}:speaker:${s.trackIds.join(',')}`;
      const engine = new BuiltinLipsyncStage(new SpeakerFaces({ ...this.relabelled, videoHash, mainTrackId: s.number }));
      await engine.prepare({ ...ctx, audioPath: l.audioPath, audioOffset: l.offset });
      this.parts.push({ number: s.number, engine });
    }
  }

  /** The relabelled faces of a frame (held frames repeat the last analysed one, as FaceTrackStage does). */
  private facesAt(index: number): TrackedFace[] {
    const frames = this.relabelled?.frames ?? [];
    return frames.length ? frames[Math.min(Math.max(0, index), frames.length - 1)].faces : [];
  }

  async process(batch: VideoFrame[]): Promise<VideoFrame[]> {
    for (const part of this.parts) {
      // Views start on the frames' pixels; each part paints its own face's mouth. On paste threads
      // the pixels travel there and back, so the view's returned buffer becomes the frame's.
      const views = batch.map((f) => ({ ...f, faces: this.facesAt(f.index).filter((x) => x.trackId === part.number) }) as FaceFrame);
      await part.engine.process(views);
      views.forEach((v, i) => {
        batch[i].data = v.data;
        this.keepLandmarks(batch[i] as FaceFrame, v);
      });
    }
    return batch;
  }

  /** Later stages (expression, overlay) see each speaker's new mouth, under the frame's own track ids. */
  private keepLandmarks(frame: FaceFrame, view: FaceFrame): void {
    const relabelled = this.facesAt(frame.index);
    for (const face of view.faces) {
      const k = relabelled.findIndex((r) => r.trackId === face.trackId);
      const own = frame.faces?.[k];
      if (k < 0 || !own || own.landmarks === face.landmarks) continue;
      frame.faces = frame.faces.map((f, j) => (j === k ? { ...f, landmarks: face.landmarks } : f));
    }
  }

  async release(): Promise<void> {
    for (const p of this.parts) await p.engine.release();
    this.parts = [];
    this.relabelled = undefined;
  }
}

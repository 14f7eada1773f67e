/**
 * Face data contract shared by the face engine (detection, landmarks, tracking)
 * and later stages (alignment, masks, compositing). Coordinates are frame pixels.
 */

/** Number of Face Mesh landmarks (MediaPipe 468-point topology). */
export const MESH_POINTS = 468;

export interface FaceLandmarks {
  /** 468*3 values: x,y in frame pixels, z relative (same scale as x). */
  points: Float32Array;
}

export interface FaceBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TrackedFace {
  trackId: number;
  box: FaceBox;
  /** 468*3 values: x,y in frame pixels, z relative. */
  landmarks: Float32Array;
  score: number;
}

export interface FrameFaces {
  index: number;
  faces: TrackedFace[];
}

/** Per-video analysis result. */
export interface FaceTrack {
  videoHash: string;
  fps: number;
  width: number;
  height: number;
  frames: FrameFaces[];
  mainTrackId: number | null;
  /** Frames where a new shot starts (scene cuts, ../scenes/); no track continues across one. */
  cuts?: number[];
  /** Frames that show the same picture as the frame before (frame-rate conversion duplicates; ../scenes/repeat-detector.ts). */
  repeats?: number[];
  /** Each track's mean appearance (../speakers/appearance.ts), for re-identification across shots. */
  appearance?: TrackAppearance[];
}

export interface TrackAppearance {
  trackId: number;
  samples: number;
  mean: number[];
}

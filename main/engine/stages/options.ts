import type { EmotionSpan } from '../expression/schedule';
import type { EmotionTemplate } from '../store/types';
import type { AnalyzeOptions } from '../face/analyze';
import type { SpeakerLines } from '../speakers/lines';

/** What a dub or export asks of the stage chain. */
export interface LipsyncRequest {
  engine: string;
  enhance?: string;
  emotion?: EmotionTemplate;
  intensity?: number;
  /** Per-segment emotion templates (exports and previews); overrides emotion/intensity. */
  emotions?: EmotionSpan[];
  /** Time spans (s) where segments turned lip-sync off. */
  lipsyncOff?: [number, number][];
  /** What is said where (segment texts, subtitle cues), for text-assisted visemes. */
  script?: { start: number; end: number; text: string }[];
  /** The dub's language (an espeak-ng voice such as "es", "de", "en") for the script. */
  language?: string;
  debugOverlay?: boolean;
  /**
   * Several speakers (built-in engine): each speaker's mouth follows only their own audio; faces
   * of speakers not listed keep their frames. Absent: the main speaker follows the run's audio.
   */
  speakers?: SpeakerLines[];
}

/**
 * Everything a stage may read from StageContext.options: the run's request plus the tuning
 * knobs of individual stages (each stage documents its own defaults).
 */
export interface StageOptions extends LipsyncRequest {
  /** Frames per batch through the stages. */
  batchSize: number;
  /** Face tracking overrides (e.g. { mainTrackId }) for FaceTrackStage. */
  face?: Omit<AnalyzeOptions, 'onProgress' | 'signal'>;
  /** Match the pasted face's colours to the frame's (neural lip-sync, enhancement). */
  colorMatch?: boolean;
  /** Enhancement: share of the restored face in the mix, 0..1. */
  enhanceBlend?: number;
  /** CodeFormer's fidelity, 0..1. */
  enhanceFidelity?: number;
  /** EDTalk's lip-sync strength (its `weight` input). */
  lipsyncWeight?: number;
}

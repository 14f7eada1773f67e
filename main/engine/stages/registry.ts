import { RedubError } from '../errors';
import type { EmotionSpan } from '../expression/schedule';
import { ExpressionStage } from '../expression/stage';
import { FaceTrackStage } from '../face/stage';
import type { FrameStage } from '../pipeline/stage';

/** What a dub or export asks of the stage chain. */
export interface LipsyncRequest {
  engine: string;
  enhance?: string;
  emotion?: string;
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
}

/** A lip-sync engine contributes the stages between face tracking and expression. */
export type LipsyncEngineFactory = (req: LipsyncRequest, faces: FaceTrackStage) => Promise<FrameStage[]>;

const engines = new Map<string, LipsyncEngineFactory>([['none', async () => []]]);

/** Lip-sync engines register themselves here; the CLI and the editor only know names. */
export function registerLipsyncEngine(name: string, factory: LipsyncEngineFactory): void {
  engines.set(name, factory);
}

export function lipsyncEngines(): string[] {
  return [...engines.keys()];
}

/**
 * The chain for a run: face tracking (when anything needs faces) → lip-sync engine →
 * face enhancement → expression (emotion templates) → debug overlay. A plain `none` run has no stages at all.
 */
export async function buildStageChain(req: LipsyncRequest): Promise<FrameStage[]> {
  const factory = engines.get(req.engine);
  if (!factory) {
    throw new RedubError('INVALID_ARGUMENT', `unknown lip-sync engine "${req.engine}" (available: ${lipsyncEngines().join(', ')})`);
  }
  const faces = new FaceTrackStage();
  const lipsync = await factory(req, faces);
  const enhance = await enhanceStages(req, faces);
  const expression = req.emotion || req.emotions?.length ? [new ExpressionStage({ track: () => faces.track })] : [];
  const overlay = req.debugOverlay ? await debugOverlayStages(faces) : [];
  const needsFaces = lipsync.length + enhance.length + expression.length + overlay.length > 0;
  return needsFaces ? [faces, ...lipsync, ...enhance, ...expression, ...overlay] : [];
}

/** Filled in by the debug overlay module once it registers (keeps this file free of drawing code). */
let debugOverlayStages: (faces: FaceTrackStage) => Promise<FrameStage[]> = async () => [];

export function registerDebugOverlay(factory: (faces: FaceTrackStage) => Promise<FrameStage[]>): void {
  debugOverlayStages = factory;
}

/** Filled in by the enhance module (main/engine/enhance): `req.enhance` → its stages. */
let enhanceStages: (req: LipsyncRequest, faces: FaceTrackStage) => Promise<FrameStage[]> = async (req) => {
  if (req.enhance) throw new RedubError('INVALID_ARGUMENT', `face enhancement "${req.enhance}" is not available in this build`);
  return [];
};

export function registerEnhancer(factory: (req: LipsyncRequest, faces: FaceTrackStage) => Promise<FrameStage[]>): void {
  enhanceStages = factory;
}

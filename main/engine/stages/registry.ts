import { RedubError } from '../errors';
import { ENHANCERS, enhancerNames } from '../enhance/specs';
import { EnhanceStage } from '../enhance/stage';
import { ExpressionStage } from '../expression/stage';
import { FaceTrackStage } from '../face/stage';
import { BuiltinLipsyncStage } from '../lipsync/builtin/stage';
import { EdtalkStage } from '../lipsync/neural/edtalk';
import { Wav2LipStage } from '../lipsync/neural/wav2lip';
import { resolveModel } from '../models/manager';
import type { FrameStage } from '../pipeline/stage';
import { DebugOverlayStage } from './debug-overlay';
import { SpeakersLipsyncStage } from '../speakers/stage';
import type { LipsyncRequest } from './options';

export type { LipsyncRequest } from './options';

/** A lip-sync engine contributes the stages between face tracking and expression. */
type LipsyncEngineFactory = (faces: FaceTrackStage, req: LipsyncRequest) => FrameStage[];

/**
 * A neural engine resolves its model while the chain is built: a model that is not installed
 * fails the run before the output (or any temp file) exists, with MODEL_MISSING naming the size,
 * the licence and the download command.
 */
const neural =
  (model: string, make: (faces: FaceTrackStage) => FrameStage): LipsyncEngineFactory =>
  (faces) => {
    resolveModel(model);
    return [make(faces)];
  };

/** Every lip-sync engine, by the name the CLI (`--lipsync`) and the editor use. */
const LIPSYNC_ENGINES: Readonly<Record<string, LipsyncEngineFactory>> = {
  none: () => [],
  /** The speaker's own mouth bank: no download; the default for previews and exports. */
  builtin: (faces, req) => [req.speakers?.length ? new SpeakersLipsyncStage(faces, req.speakers) : new BuiltinLipsyncStage(faces)],
  wav2lip_96: neural('wav2lip_96', (faces) => new Wav2LipStage(faces, 'wav2lip_96')),
  wav2lip_gan_96: neural('wav2lip_gan_96', (faces) => new Wav2LipStage(faces, 'wav2lip_gan_96')),
  edtalk_256: neural('edtalk_256', (faces) => new EdtalkStage(faces)),
};

export function lipsyncEngines(): string[] {
  return Object.keys(LIPSYNC_ENGINES);
}

/** `enhance: NAME`: one face restoration stage after the lip-sync engine (model resolved now, as above). */
function enhanceStages(req: LipsyncRequest, faces: FaceTrackStage): FrameStage[] {
  if (!req.enhance) return [];
  const spec = ENHANCERS[req.enhance];
  if (!spec) throw new RedubError('INVALID_ARGUMENT', `unknown enhancer "${req.enhance}" (available: ${enhancerNames().join(', ')})`);
  resolveModel(spec.model);
  return [new EnhanceStage(faces, spec)];
}

/**
 * The chain for a run: face tracking (when anything needs faces) → lip-sync engine →
 * face enhancement → expression (emotion templates) → debug overlay. A plain `none` run has no stages at all.
 */
export async function buildStageChain(req: LipsyncRequest): Promise<FrameStage[]> {
  const factory = Object.hasOwn(LIPSYNC_ENGINES, req.engine) ? LIPSYNC_ENGINES[req.engine] : undefined;
  if (!factory) {
    throw new RedubError('INVALID_ARGUMENT', `unknown lip-sync engine "${req.engine}" (available: ${lipsyncEngines().join(', ')})`);
  }
  const faces = new FaceTrackStage();
  const lipsync = factory(faces, req);
  const enhance = enhanceStages(req, faces);
  const expression = req.emotion || req.emotions?.length ? [new ExpressionStage({ track: () => faces.track })] : [];
  const overlay = req.debugOverlay ? [new DebugOverlayStage(faces)] : [];
  const needsFaces = lipsync.length + enhance.length + expression.length + overlay.length > 0;
  return needsFaces ? [faces, ...lipsync, ...enhance, ...expression, ...overlay] : [];
}

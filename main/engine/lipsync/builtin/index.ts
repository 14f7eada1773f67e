import { registerLipsyncEngine } from '../../stages/registry';
import { BuiltinLipsyncStage } from './stage';

/** `--lipsync builtin`: needs no download; the default engine for previews and exports. */
registerLipsyncEngine('builtin', async (_req, faces) => [new BuiltinLipsyncStage(faces)]);

export { BuiltinLipsyncStage };
export { planBuiltinLipsync, type LipsyncPlan } from './plan';

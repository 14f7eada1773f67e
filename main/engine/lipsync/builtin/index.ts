/** `--lipsync builtin` (stages/registry.ts): needs no download; the default engine for previews and exports. */
export { BuiltinLipsyncStage } from './stage';
export { planBuiltinLipsync, type LipsyncPlan } from './plan';

/** The stage chain: one explicit table of engines and stages (registry.ts), nothing registered by import. */
export { buildStageChain, lipsyncEngines } from './registry';
export type { LipsyncRequest, StageOptions } from './options';

/** Face restoration (`--enhance NAME`); stages/registry.ts puts it in the chain after the lip-sync engine. */
export { EnhanceStage } from './stage';
export { ENHANCERS, enhancerNames } from './specs';

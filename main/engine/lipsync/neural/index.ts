/** The neural lip-sync adapters; stages/registry.ts names them as engines (wav2lip_96, wav2lip_gan_96, edtalk_256). */
export { Wav2LipStage } from './wav2lip';
export { EdtalkStage } from './edtalk';
export { neuralTimings, type StageTiming } from './timings';
export { DubMel } from './mel-windows';

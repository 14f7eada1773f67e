import { resolveModel } from '../../models';
import { registerLipsyncEngine } from '../../stages/registry';
import { EdtalkStage } from './edtalk';
import { Wav2LipStage } from './wav2lip';

/**
 * The neural lip-sync engines, by model name. Each factory resolves its model first: a model
 * that is not installed fails the run while the chain is built, before the output (or any temp
 * file) exists, with MODEL_MISSING naming the size, the licence and the download command.
 */
for (const name of ['wav2lip_96', 'wav2lip_gan_96']) {
  registerLipsyncEngine(name, async (_req, faces) => {
    resolveModel(name);
    return [new Wav2LipStage(faces, name)];
  });
}

registerLipsyncEngine('edtalk_256', async (_req, faces) => {
  resolveModel('edtalk_256');
  return [new EdtalkStage(faces)];
});

export { Wav2LipStage, EdtalkStage };
export { neuralTimings, type StageTiming } from './timings';
export { DubMel } from './mel-windows';

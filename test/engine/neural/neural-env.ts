/**
 * Test set-up for the neural adapters: a temp models dir holding fixture models with the
 * manifest's exact signatures plus links to the real face models, a private cache, a short
 * real clip, and a dub whose loudness changes at a known time.
 */
import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { findModel } from '../../../main/engine/models/manifest';
import { configureEngine } from '../../../main/engine/settings';
import { ffmpeg, sharedMedia, tmpDir } from '../../helpers/media';
import { buildModel, edtalkFixture, enhancerFixture, node, valueInfo, wav2lipFixture, writeFixture } from '../../helpers/onnx-fixtures';
import { MODELS_DIR } from '../face/face-env';

/** Noise starts this far into the dub (silence before). */
export const NOISE_ONSET = 0.6;

/** codeformer-like: output = input × weight (fidelity 0.5 by default halves the face's contrast). */
function codeformerFixture(): Uint8Array {
  const m = findModel('codeformer');
  const shape = m.inputs[0].shape!;
  return buildModel({
    inputs: [valueInfo('input', shape), valueInfo('weight', [1])],
    outputs: [valueInfo('output', m.outputs[0].shape!)],
    nodes: [node('Mul', ['input', 'weight'], ['output'])],
  });
}

export interface NeuralEnv {
  dir: string;
  modelsDir: string;
  cacheDir: string;
  clip: string;
  /** Silence, then loud noise from NOISE_ONSET. */
  dub: string;
  env: NodeJS.ProcessEnv;
}

/** Every fixture but wav2lip_gan_96, which stays missing for the MODEL_MISSING case. */
function writeModels(modelsDir: string): void {
  for (const f of readdirSync(MODELS_DIR)) if (!f.endsWith('.md')) symlinkSync(join(MODELS_DIR, f), join(modelsDir, f));
  const file = (name: string) => findModel(name).file;
  writeFixture(modelsDir, file('wav2lip_96'), wav2lipFixture('wav2lip_96'));
  writeFixture(modelsDir, file('edtalk_256'), edtalkFixture());
  writeFixture(modelsDir, file('gfpgan_1.4'), enhancerFixture('gfpgan_1.4', 0.7));
  writeFixture(modelsDir, file('gpen_bfr_256'), enhancerFixture('gpen_bfr_256', 0.7));
  writeFixture(modelsDir, file('codeformer'), codeformerFixture());
}

export async function makeNeuralEnv(seconds = 1): Promise<NeuralEnv> {
  const dir = tmpDir('redub-neural-');
  const [modelsDir, cacheDir] = [join(dir, 'models'), join(dir, 'cache')];
  mkdirSync(modelsDir);
  mkdirSync(cacheDir);
  writeModels(modelsDir);
  configureEngine({ modelsDir, cacheDir });
  const clip = join(dir, 'talk3.mp4');
  await ffmpeg(['-i', sharedMedia('talk3.mp4'), '-t', String(seconds), '-c:v', 'libx264', '-crf', '8', '-c:a', 'aac', clip]);
  const dub = join(dir, 'dub.wav');
  const graph = `aevalsrc=0:s=16000:d=${NOISE_ONSET}[a];anoisesrc=d=1:a=0.5:r=16000[b];[a][b]concat=n=2:v=0:a=1`;
  await ffmpeg(['-filter_complex', graph, '-ac', '1', dub]);
  return { dir, modelsDir, cacheDir, clip, dub, env: { REDUB_MODELS_DIR: modelsDir, REDUB_CACHE_DIR: cacheDir } };
}

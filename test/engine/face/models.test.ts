import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { faceModel } from '../../../main/engine/face/models/descriptors';
import { locateModel, modelHashStats } from '../../../main/engine/face/models/model-file';
import { tmpDir } from '../../helpers/media';
import { MODELS_DIR, useFaceEnv } from './face-env';

beforeAll(() => useFaceEnv('redub-face-models-'));

describe('face model files', () => {
  it('names the file and the folder when a model is missing', async () => {
    const empty = tmpDir('redub-no-models-');
    const err = await locateModel(faceModel('face-mesh-468'), empty).catch((e) => e);
    expect(err).toMatchObject({ code: 'MODEL_MISSING' });
    expect(err.message).toContain('face_landmark_468.onnx');
    expect(err.message).toContain(empty);
  });

  it('rejects a file whose SHA-256 differs from the descriptor', async () => {
    const dir = tmpDir('redub-bad-models-');
    writeFileSync(join(dir, 'face_detection_short_range.onnx'), 'not a model');
    await expect(locateModel(faceModel('blazeface-short'), dir)).rejects.toMatchObject({ code: 'MODEL_INVALID' });
  });

  it('hashes a verified model once, then trusts size + mtime', async () => {
    const dir = tmpDir('redub-copy-models-');
    copyFileSync(join(MODELS_DIR, 'face_detection_short_range.onnx'), join(dir, 'face_detection_short_range.onnx'));
    const before = modelHashStats.hashed;
    await locateModel(faceModel('blazeface-short'), dir);
    await locateModel(faceModel('blazeface-short'), dir);
    expect(modelHashStats.hashed - before).toBe(1);
  });
});

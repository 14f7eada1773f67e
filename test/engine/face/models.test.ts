import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { faceModel } from '../../../main/engine/face/models/descriptors';
import { locateModel, modelHashStats } from '../../../main/engine/face/models/model-file';
import { tmpDir } from '../../helpers/media';
import { unreachableBase } from '../models/http-fixture';
import { MODELS_DIR, useFaceEnv } from './face-env';

beforeAll(() => useFaceEnv('redub-face-models-'));

describe('face model files', () => {
  it('names the file, the folder and the fix when a model is missing and cannot be fetched', async () => {
    const empty = tmpDir('redub-no-models-');
    const saved = process.env.REDUB_MODELS_URL;
    process.env.REDUB_MODELS_URL = await unreachableBase();
    const err = await locateModel(faceModel('face-mesh-468'), empty)
      .catch((e) => e)
      .finally(() => (saved === undefined ? delete process.env.REDUB_MODELS_URL : (process.env.REDUB_MODELS_URL = saved)));
    expect(err).toMatchObject({ code: 'MODEL_MISSING' });
    // The first missing one of the set (detection comes first) is named.
    expect(err.message).toContain('face_detection_short_range.onnx');
    expect(err.message).toContain(empty);
    expect(err.message).toContain('redub models import FILE');
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

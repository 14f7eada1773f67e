import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import raw from '../../../resources/models.json';
import { crc32, crc32Fallback, hasNativeCrc32, parseCrcSidecar } from '../../../main/engine/models/hash';
import { loadManifest, parseManifest } from '../../../main/engine/models/manifest';
import { sidecarUrl } from '../../../main/engine/models/transfer';
import { sharedDir } from '../../helpers/media';

const SHARED = join(sharedDir(), 'models');

describe('model manifest', () => {
  const manifest = loadManifest();

  it('lists every model of the reference and the shared models', () => {
    const names = manifest.models.map((m) => m.name);
    for (const n of ['wav2lip_96', 'wav2lip_gan_96', 'edtalk_256', 'gfpgan_1.4', 'gpen_bfr_256', 'gpen_bfr_512', 'codeformer'])
      expect(names).toContain(n);
    for (const p of ['feature_extractor', 'motion_extractor', 'eye_retargeter', 'lip_retargeter', 'stitcher', 'generator']) {
      expect(names).toContain(`live_portrait_${p}`);
    }
    for (const n of [
      'face_detection_short_range',
      'face_detection_full_range',
      'face_landmark_468',
      'ultraface_rfb_320',
      'canonical_face_model',
    ]) {
      expect(names).toContain(n);
    }
  });

  it('gives each downloadable model a primary and a mirror URL', () => {
    for (const m of manifest.models) expect(m.urls.length).toBeGreaterThanOrEqual(2);
    const w = manifest.models.find((m) => m.name === 'edtalk_256')!;
    expect(w.urls).toEqual([
      'https://github.com/facefusion/facefusion-assets/releases/download/models-3.3.0/edtalk_256.onnx',
      'https://huggingface.co/facefusion/models-3.3.0/resolve/main/edtalk_256.onnx',
    ]);
    expect(sidecarUrl(w.urls[1])).toBe('https://huggingface.co/facefusion/models-3.3.0/resolve/main/edtalk_256.hash');
  });

  it.runIf(existsSync(SHARED))('pins the SHA-256 and size of the shared model files', () => {
    for (const m of manifest.models.filter((x) => x.sha256)) {
      const bytes = readFileSync(join(SHARED, m.file));
      expect(createHash('sha256').update(bytes).digest('hex'), m.name).toBe(m.sha256);
      expect(statSync(join(SHARED, m.file)).size).toBe(m.size);
    }
  });

  it('rejects duplicates, unknown templates and models without any hash', () => {
    const copy = () => JSON.parse(JSON.stringify(raw));
    const dup = copy();
    dup.models.push(dup.models[0]);
    expect(() => parseManifest(dup)).toThrow(/duplicate model name/);
    const tpl = copy();
    tpl.models.find((m: { name: string }) => m.name === 'gfpgan_1.4').alignment.template = 'nope';
    expect(() => parseManifest(tpl)).toThrow(/unknown template/);
    const nohash = copy();
    Object.assign(
      nohash.models.find((m: { name: string }) => m.name === 'wav2lip_96'),
      { crc32Sidecar: false },
    );
    expect(() => parseManifest(nohash)).toThrow(/sha256 or a CRC-32 sidecar/);
  });
});

describe('CRC-32', () => {
  it('matches the standard check value, native and table alike', () => {
    const data = new TextEncoder().encode('123456789');
    expect(crc32Fallback(data)).toBe(0xcbf43926);
    expect(crc32(data)).toBe(0xcbf43926);
    expect(crc32Fallback(data.subarray(4), crc32Fallback(data.subarray(0, 4)))).toBe(0xcbf43926);
    expect(typeof hasNativeCrc32).toBe('boolean');
  });

  it('reads sidecars', () => {
    expect(parseCrcSidecar('CBF43926\n')).toBe('cbf43926');
    expect(parseCrcSidecar('cbf43926  wav2lip_96.onnx')).toBe('cbf43926');
    expect(parseCrcSidecar('<html>')).toBeNull();
  });
});

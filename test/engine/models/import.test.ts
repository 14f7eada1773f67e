import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ModelManager } from '../../../main/engine/models/manager';
import { readTrust } from '../../../main/engine/models/trust';
import { edtalkFixture, enhancerFixture, fixtureDir, identityFixture, wav2lipFixture, writeFixture } from '../../helpers/onnx-fixtures';

let src: string;
let dir: string;
beforeEach(() => {
  src = fixtureDir('redub-import-src-');
  dir = fixtureDir('redub-import-dst-');
});

describe('model import', () => {
  it('accepts a lip-sync model with the manifest signature, copies it in and trusts it', async () => {
    const file = writeFixture(src, 'my_lipsync.onnx', wav2lipFixture());
    const mm = new ModelManager({ dir });
    const r = await mm.import(file, 'lipsync');
    expect(r.name).toBe('wav2lip_96');
    expect(readFileSync(join(dir, 'wav2lip_96.onnx'))).toEqual(readFileSync(file));
    expect((await readTrust(dir)).models.wav2lip_96).toMatchObject({ source: 'import', sha256: r.sha256 });
    expect((await mm.verify('all'))[0]).toMatchObject({ name: 'wav2lip_96', ok: true, against: 'trusted' });
    expect(mm.resolve('wav2lip_96')).toBe(join(dir, 'wav2lip_96.onnx'));
  });

  it('prefers the entry whose file name matches, or the one named', async () => {
    const mm = new ModelManager({ dir });
    const gan = writeFixture(src, 'wav2lip_gan_96.onnx', wav2lipFixture());
    expect((await mm.import(gan, { role: 'lipsync' })).name).toBe('wav2lip_gan_96');
    const edtalk = writeFixture(src, 'x.onnx', edtalkFixture());
    expect((await mm.import(edtalk, { role: 'lipsync' })).name).toBe('edtalk_256');
    const gpen = writeFixture(src, 'y.onnx', enhancerFixture('gpen_bfr_512'));
    expect((await mm.import(gpen, { role: 'enhance', name: 'gpen_bfr_512' })).name).toBe('gpen_bfr_512');
  });

  it('rejects a model whose signature does not fit the role, naming the differences', async () => {
    const mm = new ModelManager({ dir });
    const wrong = writeFixture(src, 'wrong.onnx', identityFixture('target', [1, 6, 128, 128]));
    await expect(mm.import(wrong, { role: 'lipsync' })).rejects.toThrow(/fits no lipsync model.*input source is missing/);
    const enh = writeFixture(src, 'enh.onnx', enhancerFixture('gpen_bfr_256'));
    await expect(mm.import(enh, { role: 'enhance', name: 'gfpgan_1.4' })).rejects.toThrow(
      /input: shape \[1,3,256,256\], expected \[1,3,512,512\]/,
    );
    await expect(mm.import(enh, { role: 'lipsync', name: 'gpen_bfr_256' })).rejects.toThrow(/has role enhance/);
    expect(existsSync(join(dir, 'wav2lip_96.onnx'))).toBe(false);
  });

  it('rejects a file that is not ONNX', async () => {
    const junk = join(src, 'junk.onnx');
    writeFileSync(junk, 'not a model');
    await expect(new ModelManager({ dir }).import(junk, { role: 'enhance' })).rejects.toMatchObject({ code: 'MODEL_INVALID' });
  });

  it('verify flags a file that changed after it was trusted', async () => {
    const mm = new ModelManager({ dir });
    await mm.import(writeFixture(src, 'g.onnx', enhancerFixture('gfpgan_1.4')), { role: 'enhance' });
    const path = join(dir, 'gfpgan_1.4.onnx');
    const bytes = readFileSync(path);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(path, bytes);
    const [v] = await mm.verify('gfpgan_1.4');
    expect(v.ok).toBe(false);
    expect(v.reason).toMatch(/does not match the trusted/);
  });
});

/**
 * The stage registry is one explicit table: importing the registry alone (nothing else from the
 * engine, so no module had a chance to "register" itself) gives every engine and stage.
 */
import { describe, expect, it } from 'vitest';
import { buildStageChain, lipsyncEngines } from '../../../main/engine/stages/registry';
import { configureEngine } from '../../../main/engine/settings';
import { tmpDir } from '../../helpers/media';

describe('stage registry', () => {
  it('names every lip-sync engine without any import side effect', () => {
    expect(lipsyncEngines()).toEqual(['none', 'builtin', 'wav2lip_96', 'wav2lip_gan_96', 'edtalk_256']);
  });

  it('builds the whole chain in order: faces → lip-sync → expression → overlay', async () => {
    const chain = await buildStageChain({ engine: 'builtin', emotion: 'smile', debugOverlay: true });
    expect(chain.map((s) => s.name)).toEqual(['face-track', 'lipsync-builtin', 'expression', 'debug-overlay']);
    expect(await buildStageChain({ engine: 'none' })).toEqual([]);
  });

  it('resolves neural and enhancement models while building, and refuses unknown names', async () => {
    configureEngine({ modelsDir: tmpDir('redub-registry-models-') });
    await expect(buildStageChain({ engine: 'wav2lip_96' })).rejects.toMatchObject({ code: 'MODEL_MISSING' });
    await expect(buildStageChain({ engine: 'builtin', enhance: 'gfpgan_1.4' })).rejects.toMatchObject({ code: 'MODEL_MISSING' });
    await expect(buildStageChain({ engine: 'builtin', enhance: 'sharpen' })).rejects.toThrow(/unknown enhancer "sharpen"/);
    await expect(buildStageChain({ engine: 'toString' })).rejects.toThrow(/unknown lip-sync engine "toString"/);
  });
});

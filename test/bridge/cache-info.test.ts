import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../common/contract';
import { cacheCalls } from '../../main/bridge/api/cache';
import { configureEngine, engineSettings } from '../../main/engine/settings';
import { tmpDir } from '../helpers/media';

describe('getCacheInfo (the cache line of the settings panel)', () => {
  it('sums the cache by kind against the configured cap, in the contract’s shape', async () => {
    const before = engineSettings();
    const cacheDir = tmpDir('redub-cache-info-');
    for (const [kind, name, size] of [
      ['mouth-banks', 'a.bank', 3000],
      ['mouth-banks', 'b.bank', 2000],
      ['face-tracks', 'c.rft', 700],
      ['face-tracks', 'c.rft.lock', 50],
    ] as const) {
      mkdirSync(join(cacheDir, kind), { recursive: true });
      writeFileSync(join(cacheDir, kind, name), Buffer.alloc(size));
    }
    configureEngine({ cacheDir, cacheLimitBytes: 123_456 });
    try {
      const info = await cacheCalls().getCacheInfo({});
      expect(info).toEqual({ dir: cacheDir, totalBytes: 5700, limitBytes: 123_456, kinds: { 'mouth-banks': 5000, 'face-tracks': 700 } });
      expect(contract.getCacheInfo.result.parse(info)).toEqual(info);
    } finally {
      configureEngine(before);
    }
  });
});

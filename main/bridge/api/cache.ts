import { listCache } from '../../engine/cache/cache-store';
import type { ApiCalls } from './context';

/** The settings panel's cache line: total size against the cap, per kind. */
export function cacheCalls(): ApiCalls<'getCacheInfo'> {
  return {
    async getCacheInfo() {
      const { dir, totalBytes, limitBytes, entries } = await listCache();
      const kinds: Record<string, number> = {};
      for (const e of entries) kinds[e.kind] = (kinds[e.kind] ?? 0) + e.bytes;
      return { dir, totalBytes, limitBytes, kinds };
    },
  };
}

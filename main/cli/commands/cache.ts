import type { Command } from 'commander';
import { CACHE_KINDS, clearCache, listCache, type CacheKind } from '../../engine/cache/cache-store';
import { RedubError } from '../../engine/errors';
import { formatSize } from '../../engine/models/manifest';
import { printJson } from '../output';

function parseKind(kind: string | undefined): CacheKind | undefined {
  if (kind === undefined || (CACHE_KINDS as readonly string[]).includes(kind)) return kind as CacheKind | undefined;
  throw new RedubError('INVALID_ARGUMENT', `--kind must be one of ${CACHE_KINDS.join(', ')} (got "${kind}")`);
}

export function registerCache(program: Command): void {
  const cache = program.command('cache').description('list or clear the analysis cache (mouth banks, face tracks, scrub proxies)');
  cache
    .command('list')
    .description('every cache entry: kind, key, size, last used (oldest first, the first to be evicted); total and limit')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      const s = await listCache();
      if (o.json) return printJson(s);
      console.log(`cache dir: ${s.dir}`);
      for (const e of s.entries) {
        const used = e.lastUsed.toISOString().replace('T', ' ').slice(0, 19);
        console.log(`${e.kind.padEnd(13)} ${e.key.padEnd(40)} ${formatSize(e.bytes).padStart(10)}  ${used}${e.inUse ? '  (in use)' : ''}`);
      }
      console.log(`total ${formatSize(s.totalBytes)} in ${s.entries.length} entries (limit ${formatSize(s.limitBytes)})`);
    });
  cache
    .command('clear')
    .description('remove every entry not being built or read (they are rebuilt when needed)')
    .option('--kind <kind>', CACHE_KINDS.join(' | '))
    .option('--json', 'machine-readable output')
    .action(async (o: { kind?: string; json?: boolean }) => {
      const gone = await clearCache(parseKind(o.kind));
      const bytes = gone.reduce((s, e) => s + e.bytes, 0);
      if (o.json) return printJson({ removed: gone.length, bytes });
      console.log(`removed ${gone.length} entries (${formatSize(bytes)})`);
    });
}

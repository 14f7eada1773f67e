import { useEffect, useState } from 'react';
import type { RedubBridge } from '../../../common/contract';
import type { CacheInfo } from '../../../common/domain';

const KIND_TITLE: Record<string, string> = { 'mouth-banks': 'mouth banks', 'face-tracks': 'face tracks', 'scrub-proxies': 'scrub proxies' };

function bytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.round(n / 1024)} KB`;
}

/** The analysis cache's size against its cap (REDUB_CACHE_LIMIT); `redub cache clear` empties it. */
export function CacheCard({ api }: { api: RedubBridge }) {
  const [info, setInfo] = useState<CacheInfo | null>(null);
  useEffect(() => {
    void api.getCacheInfo({}).then(setInfo, () => undefined);
  }, [api]);
  if (!info) return null;
  const parts = Object.entries(info.kinds).filter(([, n]) => n > 0);
  return (
    <div className="card runtime" aria-label="Cache">
      <h4>Cache</h4>
      <div className="runtime-line">
        <span data-testid="cache-total">
          {bytes(info.totalBytes)} of {bytes(info.limitBytes)}
        </span>
        <span className="dim small">{info.dir}</span>
      </div>
      {parts.length > 0 && <p className="dim small">{parts.map(([kind, n]) => `${KIND_TITLE[kind] ?? kind} ${bytes(n)}`).join(' · ')}</p>}
      <p className="dim small">
        Least recently used entries are removed past the limit (REDUB_CACHE_LIMIT); `redub cache clear` empties it.
      </p>
    </div>
  );
}

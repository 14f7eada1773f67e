import { useEffect, useState } from 'react';
import type { RedubBridge } from '../../../common/contract';

/**
 * Says so when the editor lost its engine host (browser mode: the bridge server stopped or
 * restarted). Edits made now would fail; once the connection is back, views re-read their state.
 */
export function ConnectionBanner({ api }: { api: RedubBridge }) {
  const [connected, setConnected] = useState(true);
  useEffect(
    () =>
      api.onEvent((e) => {
        if (e.type === 'connection') setConnected(e.connected);
      }),
    [api],
  );
  if (connected) return null;
  return (
    <div className="connection-banner" role="status" aria-live="assertive" data-testid="disconnected">
      <strong>Disconnected from Redub.</strong> The editor server is not answering; changes can’t be saved right now. Reconnecting…
    </div>
  );
}

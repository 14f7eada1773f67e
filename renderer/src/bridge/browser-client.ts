import { CALL_NAMES, wireEventSchema, type CallName, type Envelope, type RedubBridge, type RedubEvent } from '../../../common/contract';

/**
 * Browser mode: the same typed `RedubBridge` the Electron preload exposes, spoken over the local
 * bridge server. The token comes from the URL fragment (never sent to the server in the URL;
 * the server already set a same-site cookie for <img>/<video> requests).
 */
export function createBrowserBridge(token: string, origin = window.location.origin): RedubBridge {
  const listeners = new Set<(e: RedubEvent) => void>();
  let socket: WebSocket | undefined;
  let retry = 500;
  /** Sequence number of the last event seen on this socket; undefined right after (re)connecting. */
  let lastSeq: number | undefined;
  /** Whether the socket was ever open and then lost: reopening it means events were missed. */
  let lost = false;
  const deliver = (e: RedubEvent) => {
    for (const l of listeners) l(e);
  };

  const connect = () => {
    const wsUrl = `${origin.replace(/^http/, 'ws')}/events?token=${encodeURIComponent(token)}`;
    socket = new WebSocket(wsUrl);
    socket.onopen = () => {
      retry = 500;
      lastSeq = undefined;
      if (!lost) return;
      lost = false;
      deliver({ type: 'connection', connected: true });
      deliver({ type: 'resync' });
    };
    socket.onmessage = (m) => {
      const parsed = wireEventSchema.safeParse(JSON.parse(String(m.data)));
      if (!parsed.success) return;
      const { seq, event } = parsed.data;
      // A gap: some events never arrived, so what is on screen may be stale.
      const gap = lastSeq !== undefined && seq !== lastSeq + 1;
      lastSeq = seq;
      deliver(event);
      if (gap) deliver({ type: 'resync' });
    };
    // The server may restart (npm start again); say so, and keep trying with a growing delay.
    socket.onclose = () => {
      if (!lost) deliver({ type: 'connection', connected: false });
      lost = true;
      if (listeners.size > 0) setTimeout(connect, (retry = Math.min(retry * 2, 8000)));
    };
  };

  const callApi = async (name: CallName, args: unknown): Promise<unknown> => {
    const res = await fetch(`${origin}/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(args ?? {}),
    });
    const env = (await res.json()) as Envelope<unknown>;
    if (!env.ok) throw Object.assign(new Error(env.error.message), { code: env.error.code, field: env.error.field });
    return env.result;
  };

  const bridge: Record<string, unknown> = {
    onEvent(listener: (e: RedubEvent) => void) {
      listeners.add(listener);
      if (!socket) connect();
      return () => listeners.delete(listener);
    },
    // Same-origin paths already carry the session cookie.
    resolveUrl: (path: string) => path,
  };
  for (const name of CALL_NAMES) bridge[name] = (args: unknown) => callApi(name, args);
  return bridge as unknown as RedubBridge;
}

export function tokenFromFragment(hash = window.location.hash): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token');
}

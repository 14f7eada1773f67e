import { CALL_NAMES, eventSchema, type CallName, type Envelope, type RedubBridge, type RedubEvent } from '../../../common/contract';

/**
 * Browser mode: the same typed `RedubBridge` the Electron preload exposes, spoken over the local
 * bridge server. The token comes from the URL fragment (never sent to the server in the URL;
 * the server already set a same-site cookie for <img>/<video> requests).
 */
export function createBrowserBridge(token: string, origin = window.location.origin): RedubBridge {
  const listeners = new Set<(e: RedubEvent) => void>();
  let socket: WebSocket | undefined;
  let retry = 500;

  const connect = () => {
    const wsUrl = `${origin.replace(/^http/, 'ws')}/events?token=${encodeURIComponent(token)}`;
    socket = new WebSocket(wsUrl);
    socket.onopen = () => (retry = 500);
    socket.onmessage = (m) => {
      const parsed = eventSchema.safeParse(JSON.parse(String(m.data)));
      if (parsed.success) for (const l of listeners) l(parsed.data);
    };
    // The server may restart (npm start again); keep trying with a growing delay.
    socket.onclose = () => {
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

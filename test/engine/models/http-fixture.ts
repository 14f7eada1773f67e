import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local file server for download tests (127.0.0.1, random port): Range requests,
 * scripted connection drops and slow delivery. The manifest's real URLs are never used.
 */
export interface Route {
  body: Buffer | string;
  status?: number;
  /** Drop the connection after this many body bytes, for the first `dropTimes` requests. */
  dropAfter?: number;
  dropTimes?: number;
  /** Deliver in 16 KiB chunks with a pause between them (to cancel mid-way). */
  slowMs?: number;
  /** Answer 302 to this path (release assets redirect to a CDN). */
  redirect?: string;
  /** Ignore Range headers (answer 200 with the whole body). */
  noRange?: boolean;
}

export interface RequestLog {
  path: string;
  range: string | undefined;
}

export interface FileServer {
  base: string;
  routes: Map<string, Route>;
  log: RequestLog[];
  close(): Promise<void>;
}

function parseRange(header: string | undefined): number | null {
  const m = /^bytes=(\d+)-$/.exec(header ?? '');
  return m ? Number(m[1]) : null;
}

async function send(res: ServerResponse, body: Buffer, route: Route, drop: boolean): Promise<void> {
  const limit = drop ? Math.min(route.dropAfter!, body.length) : body.length;
  const step = route.slowMs ? 16 * 1024 : limit;
  for (let at = 0; at < limit; at += step) {
    if (res.destroyed) return;
    // Wait for the flush, or a drop would lose the bytes meant to arrive before it.
    await new Promise<void>((r) => res.write(body.subarray(at, Math.min(limit, at + step)), () => r()));
    if (route.slowMs) await new Promise((r) => setTimeout(r, route.slowMs));
  }
  // A drop closes the socket with bytes still owed, as a flaky network does
  // (end, not destroy: a reset could discard what the client has not read yet).
  if (drop) res.socket?.end();
  else res.end();
}

function handler(routes: Map<string, Route>, log: RequestLog[], drops: Map<string, number>) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    log.push({ path, range: req.headers.range });
    const route = routes.get(path);
    if (route?.redirect) {
      res.writeHead(302, { Location: route.redirect }).end();
      return;
    }
    if (!route || (route.status ?? 200) !== 200) {
      res.writeHead(route?.status ?? 404).end();
      return;
    }
    const body = Buffer.from(route.body);
    const start = route.noRange ? null : parseRange(req.headers.range);
    if (start !== null && start >= body.length) {
      res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
      return;
    }
    const slice = start === null ? body : body.subarray(start);
    const headers: Record<string, string | number> = { 'Content-Length': slice.length, 'Accept-Ranges': 'bytes' };
    if (start !== null) headers['Content-Range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
    res.writeHead(start === null ? 200 : 206, headers);
    const dropped = drops.get(path) ?? 0;
    const drop = route.dropAfter !== undefined && dropped < (route.dropTimes ?? 1);
    if (drop) drops.set(path, dropped + 1);
    void send(res, slice, route, drop);
  };
}

export async function startFileServer(): Promise<FileServer> {
  const routes = new Map<string, Route>();
  const log: RequestLog[] = [];
  const server: Server = createServer(handler(routes, log, new Map()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    routes,
    log,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A base URL on a port nobody listens on: connections are refused at once, as for a machine offline. */
export async function unreachableBase(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return `http://127.0.0.1:${port}`;
}

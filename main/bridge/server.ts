import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { isCallName, parseArgs, type EditorApi, type RedubEvent, type WireEvent } from '../../common/contract';
import { RENDERER_CSP } from '../../common/csp';
import { onModelFetch } from '../engine/models/fetch-events';
import { resolveAsset } from './assets';
import { newToken, presentedToken, sameOrigin, TOKEN_COOKIE, tokenMatches } from './auth';
import { createEditorApi } from './editor-api';
import type { EditorEngine } from './engine-port';
import { toApiError } from './errors';
import { FrameCache } from './frame-cache';
import type { ProjectWorkspace } from './workspace';

export interface BridgeOptions {
  workspace: ProjectWorkspace;
  engine: EditorEngine;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  token?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The editor's background render near the playhead (default on; EditorApiOptions.backgroundRender). */
  backgroundRender?: boolean;
}

export interface BridgeServer {
  port: number;
  token: string;
  /** Where to point a browser: sets the session cookie, then lands on the app. */
  launchUrl: string;
  origin: string;
  api: EditorApi;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { ok: false, error: { code, message } });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(c);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

/** Streams a file, honouring a single byte Range (the <video> element seeks with them). */
function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  mime: string,
  size: number,
  headers: Record<string, string>,
): void {
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  let start = 0;
  let end = size - 1;
  if (range && (range[1] || range[2])) {
    start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start > end || start >= size) {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` });
      res.end();
      return;
    }
    res.writeHead(206, {
      ...headers,
      'Content-Type': mime,
      'Accept-Ranges': 'bytes',
      'Content-Range': `bytes ${start}-${end}/${size}`,
      'Content-Length': String(end - start + 1),
    });
  } else {
    res.writeHead(200, { ...headers, 'Content-Type': mime, 'Accept-Ranges': 'bytes', 'Content-Length': String(size) });
  }
  if (req.method === 'HEAD') return void res.end();
  createReadStream(path, { start, end }).pipe(res);
}

/**
 * The local bridge: the editor API over HTTP (POST /api/<call>), events over WebSocket
 * (/events), and the renderer plus its media. Bound to 127.0.0.1 only, on a random port;
 * every request must carry this run's token; every argument is parsed with the contract.
 */
export async function startBridgeServer(options: BridgeOptions): Promise<BridgeServer> {
  const token = options.token ?? newToken();
  const frames = new FrameCache();
  const sockets = new Set<WebSocket>();
  let seq = 0;
  const broadcast = (event: RedubEvent) => {
    const wire: WireEvent = { seq: ++seq, event };
    const text = JSON.stringify(wire);
    for (const s of sockets) if (s.readyState === s.OPEN) s.send(text);
  };
  const api = createEditorApi(options.workspace, options.engine, {
    mode: 'browser',
    frames,
    emit: broadcast,
    backgroundRender: options.backgroundRender,
  });
  // Models the engine fetches by itself on first use show in the Models panel like any download.
  const stopModelEvents = onModelFetch((download) => broadcast({ type: 'modelDownload', download }));
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) refuse(res, 500, 'INTERNAL', e instanceof Error ? e.message : String(e));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!sameOrigin(req, port)) return refuse(res, 403, 'FORBIDDEN', 'requests must come from the editor itself (host/origin mismatch)');
    const presented = presentedToken(req, url);
    if (!presented) return refuse(res, 401, 'UNAUTHORIZED', 'missing token: open the URL printed at start-up');
    if (!tokenMatches(presented, token)) return refuse(res, 403, 'FORBIDDEN', 'wrong token');

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'API calls are POST');
      // A JSON content type cannot be sent cross-site without a preflight, which we never answer.
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'API calls take application/json');
      }
      const name = url.pathname.slice('/api/'.length);
      if (!isCallName(name)) return refuse(res, 404, 'NOT_FOUND', `no such call: ${name}`);
      try {
        const body = await readJson(req);
        const args = parseArgs(name, body);
        const result = await (api[name] as (a: typeof args) => Promise<unknown>)(args);
        return send(res, 200, { ok: true, result });
      } catch (e) {
        if (e instanceof SyntaxError) return refuse(res, 400, 'INVALID_ARGUMENT', `${name}: body is not valid JSON`);
        const { status, error } = toApiError(e);
        return send(res, status, { ok: false, error });
      }
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'read-only');

    // First visit: trade the query token for an HttpOnly cookie so media/img requests carry it,
    // and drop it from the address bar (the client keeps it from the fragment for API calls).
    if (url.searchParams.has('token')) {
      res.writeHead(302, {
        ...SECURITY_HEADERS,
        'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: `${url.pathname}#token=${token}`,
      });
      return void res.end();
    }

    const asset = resolveAsset(url.pathname, {
      findMedia: (id) => options.workspace.findMedia(id),
      frames,
      rendererDir: options.rendererDir,
    });
    const headers = { ...SECURITY_HEADERS, 'Content-Security-Policy': RENDERER_CSP, 'Cache-Control': 'no-cache' };
    if (asset.kind === 'error') return refuse(res, asset.status, asset.status === 403 ? 'FORBIDDEN' : 'NOT_FOUND', asset.message);
    if (asset.kind === 'bytes') {
      res.writeHead(200, { ...headers, 'Content-Type': asset.mime, 'Content-Length': String(asset.bytes.length) });
      return void res.end(req.method === 'HEAD' ? undefined : Buffer.from(asset.bytes));
    }
    sendFile(req, res, asset.path, asset.mime, asset.size, headers);
  }

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const presented = presentedToken(req, url);
    if (url.pathname !== '/events' || !sameOrigin(req, port) || !presented || !tokenMatches(presented, token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // The channel is one-way (host → renderer); anything sent our way is ignored.
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    token,
    origin,
    launchUrl: `${origin}/?token=${token}`,
    api,
    close: async () => {
      stopModelEvents();
      for (const s of sockets) s.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { removeDir, startBridge, tempDir, type RunningBridge } from './support/bridge';
import { TALK3 } from './support/media';

/** Raw HTTP, so that Host/Origin can be forged the way a hostile page or rebinding attack would. */
function raw(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('bridge server security', () => {
  let bridge: RunningBridge;
  let port: number;
  let token: string;
  const auth = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const call = (name: string, args: unknown, headers: Record<string, string> = auth()) =>
    raw(port, `/api/${name}`, { method: 'POST', headers, body: JSON.stringify(args) });

  let rendererDir: string;

  beforeAll(async () => {
    // A stand-in renderer: these tests are about the server, not the build (which may be in progress).
    rendererDir = tempDir('redub-renderer-');
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Redub</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {};');
    bridge = await startBridge(undefined, rendererDir);
    port = bridge.server.port;
    token = bridge.server.token;
  });
  afterAll(async () => {
    await bridge.stop();
    removeDir(bridge.projectDir);
    removeDir(rendererDir);
  });

  it('listens on 127.0.0.1 only, on a random port', () => {
    expect(bridge.server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(port).toBeGreaterThan(1024);
  });

  it('refuses a request without a token (401) and with a wrong one (403)', async () => {
    expect((await raw(port, '/')).status).toBe(401);
    expect((await call('getAppInfo', {}, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await raw(port, '/index.html', { headers: { cookie: 'redub_token=nope' } })).status).toBe(403);
    const wrong = await call('getAppInfo', {}, { authorization: 'Bearer x'.padEnd(40, 'x'), 'content-type': 'application/json' });
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body).error.message).toMatch(/wrong token/);
    expect((await call('getAppInfo', {})).status).toBe(200);
  });

  it('trades the launch token for an HttpOnly same-site cookie and keeps it out of the address bar', async () => {
    const r = await raw(port, `/?token=${token}`);
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe(`/#token=${token}`);
    expect(String(r.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await raw(port, '/', { headers: { cookie: `redub_token=${token}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });

  it('rejects a malformed argument with 400 and a message naming the field', async () => {
    const bad = await call('updateSegment', { segmentId: 'abc', patch: { intensity: 7 } });
    expect(bad.status).toBe(400);
    const err = JSON.parse(bad.body).error;
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.field).toBe('patch.intensity');
    expect(err.message).toMatch(/updateSegment: invalid argument "patch\.intensity"/);

    const time = JSON.parse((await call('splitSegment', { segmentId: 'abc', time: 'soon' })).body).error;
    expect(time.field).toBe('time');
    const rel = await call('openVideo', { path: 'relative/video.mp4' });
    expect(rel.status).toBe(400);
    expect(JSON.parse(rel.body).error.message).toMatch(/"path".*absolute/);
    const extra = await call('undo', { projectId: 'p1', sneaky: true });
    expect(extra.status).toBe(400);
    expect(JSON.parse(extra.body).error.message).toMatch(/sneaky/);
    expect((await raw(port, '/api/getAppInfo', { method: 'POST', headers: auth(), body: '{not json' })).status).toBe(400);
  });

  it('refuses unknown calls, non-JSON posts, foreign origins and rebinding hosts', async () => {
    expect((await call('deleteEverything', {})).status).toBe(404);
    expect(
      (
        await raw(port, '/api/getAppInfo', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
          body: '{}',
        })
      ).status,
    ).toBe(415);
    expect((await call('getAppInfo', {}, { ...auth(), origin: 'http://evil.example' })).status).toBe(403);
    expect(
      (await raw(port, '/api/getAppInfo', { method: 'POST', headers: { ...auth(), host: `evil.example:${port}` }, body: '{}' })).status,
    ).toBe(403);
  });

  it('serves only files the user chose: media by project id, never by path', async () => {
    const cookie = { cookie: `redub_token=${token}` };
    const view = JSON.parse((await call('openVideo', { path: TALK3 })).body).result;
    const chosen = await raw(port, view.source.url, { headers: { ...cookie, range: 'bytes=0-99' } });
    expect(chosen.status).toBe(206);
    expect(chosen.headers['content-range']).toMatch(/^bytes 0-99\//);

    for (const path of ['/media/not-a-media-id', '/media/..%2F..%2F..%2Fetc%2Fpasswd', '/media//etc/passwd', '/media?path=/etc/passwd']) {
      const r = await raw(port, path, { headers: cookie });
      expect([403, 404], path).toContain(r.status);
      expect(r.body).not.toMatch(/root:/);
    }
    for (const path of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2F..%2F..%2F..%2Fetc%2Fpasswd']) {
      const r = await raw(port, path, { headers: cookie });
      expect([403, 404], path).toContain(r.status);
      expect(r.body).not.toMatch(/root:/);
    }
    expect((await raw(port, '/frames/000000000000000000000000.jpg', { headers: cookie })).status).toBe(404);
  });

  it('refuses a WebSocket without the token', async () => {
    const tryOpen = (url: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url, { headers: { origin: bridge.server.origin } });
        ws.on('open', () => (ws.close(), resolve('open')));
        ws.on('error', () => resolve('refused'));
        ws.on('unexpected-response', () => resolve('refused'));
      });
    expect(await tryOpen(`ws://127.0.0.1:${port}/events`)).toBe('refused');
    expect(await tryOpen(`ws://127.0.0.1:${port}/events?token=wrong`)).toBe('refused');
    expect(await tryOpen(`ws://127.0.0.1:${port}/events?token=${token}`)).toBe('open');
  });
});

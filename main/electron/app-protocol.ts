import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { RENDERER_CSP } from '../../common/csp';
import { resolveAsset, type AssetContext } from '../bridge/assets';

export const APP_SCHEME = 'redub';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** Must run before app 'ready': a standard, secure scheme gets a real origin ('self' in the CSP). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

/**
 * Serves the renderer, the user's chosen media and preview frames from redub://app/ — the same
 * resolver as the bridge server, so both modes expose exactly the same files (and no others).
 */
export function handleAppProtocol(ctx: AssetContext): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const headers = { 'Content-Security-Policy': RENDERER_CSP, 'X-Content-Type-Options': 'nosniff' };
    if (url.host !== 'app') return new Response('not found', { status: 404, headers });
    const asset = resolveAsset(url.pathname, ctx);
    if (asset.kind === 'error') return new Response(asset.message, { status: asset.status, headers });
    if (asset.kind === 'bytes') return new Response(Buffer.from(asset.bytes), { headers: { ...headers, 'Content-Type': asset.mime } });
    // net.fetch of a file: URL honours Range, which <video> needs to seek.
    const res = await net.fetch(pathToFileURL(asset.path).toString(), { headers: request.headers });
    const out = new Headers(res.headers);
    out.set('Content-Type', asset.mime);
    for (const [k, v] of Object.entries(headers)) out.set(k, v);
    return new Response(res.body, { status: res.status, headers: out });
  });
}

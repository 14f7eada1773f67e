/**
 * The renderer's Content-Security-Policy, shared by index.html (meta), the bridge server
 * (header) and Electron's protocol handler (header). No remote origin appears anywhere.
 * style-src needs 'unsafe-inline' only because wavesurfer.js injects <style> into its shadow root.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "connect-src 'self' ws://127.0.0.1:*",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

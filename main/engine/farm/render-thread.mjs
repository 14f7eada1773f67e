/**
 * Starts the render thread from source in a checkout (tsx registered in this thread: loader
 * hooks are per thread). A packaged build starts the bundled farm-render-thread.js instead.
 */
const { register } = await import('tsx/esm/api');
register();
await import(new URL('./render-thread.ts', import.meta.url).href);

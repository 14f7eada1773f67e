import { existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { FrameCache } from './frame-cache';
import type { MediaRef } from '../engine/store';

export interface AssetContext {
  /** Media rows of open projects: paths the user chose. */
  findMedia(id: string): MediaRef | undefined;
  frames: FrameCache;
  rendererDir: string;
}

export type Asset =
  | { kind: 'file'; path: string; mime: string; size: number }
  | { kind: 'bytes'; bytes: Uint8Array; mime: string }
  | { kind: 'error'; status: 403 | 404; message: string };

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.ogg': 'audio/ogg',
  '.flac': 'audio/flac',
};

export const mimeOf = (path: string): string => MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';

/**
 * Maps a request path to what may be served. Only four things exist:
 * the built renderer (confined to its folder), media the user chose (by store id — the URL
 * never carries a path, so no other file can be named), preview frames and rendered preview
 * chunks (by random key).
 */
export function resolveAsset(pathname: string, ctx: AssetContext): Asset {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return { kind: 'error', status: 404, message: 'bad path' };
  }
  if (path.includes('\0')) return { kind: 'error', status: 404, message: 'bad path' };

  if (path.startsWith('/frames/')) {
    const bytes = ctx.frames.get(path);
    return bytes ? { kind: 'bytes', bytes, mime: mimeOf(path) } : { kind: 'error', status: 404, message: 'no such frame' };
  }

  if (path.startsWith('/rendered/')) {
    const file = ctx.frames.getFile(path);
    if (!file) return { kind: 'error', status: 404, message: 'no such rendered chunk' };
    if (!existsSync(file)) return { kind: 'error', status: 404, message: 'chunk is gone (an edit or an export replaced it)' };
    return { kind: 'file', path: file, mime: 'video/mp4', size: statSync(file).size };
  }

  if (path.startsWith('/thumbs/')) {
    const file = ctx.frames.getThumbnail(path);
    if (!file || !existsSync(file)) return { kind: 'error', status: 404, message: 'no such speaker thumbnail' };
    return { kind: 'file', path: file, mime: 'image/png', size: statSync(file).size };
  }

  if (path.startsWith('/media/')) {
    const id = path.slice('/media/'.length);
    const media = /^[A-Za-z0-9_-]{1,128}$/.test(id) ? ctx.findMedia(id) : undefined;
    if (!media) return { kind: 'error', status: 403, message: 'not a file chosen for a project' };
    if (!existsSync(media.path)) return { kind: 'error', status: 404, message: 'file is gone' };
    return { kind: 'file', path: media.path, mime: mimeOf(media.path), size: statSync(media.path).size };
  }

  const root = resolve(ctx.rendererDir);
  const file = resolve(join(root, path === '/' ? 'index.html' : path));
  if (!file.startsWith(root + sep)) return { kind: 'error', status: 403, message: 'outside the app' };
  if (!existsSync(file) || !statSync(file).isFile()) return { kind: 'error', status: 404, message: 'not found' };
  return { kind: 'file', path: file, mime: mimeOf(file), size: statSync(file).size };
}

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChunkSpec } from './chunk-plan';

/**
 * A finished chunk on disk: `chunk-<key>-<start>-<end>.mp4` in the language's work folder. The
 * key says which pixels it holds; the frame range in the name lets a chunk whose key is no longer
 * in the plan still say which part of the timeline it covered (the render bar's "stale").
 */
export interface ChunkFile {
  key: string;
  start: number;
  end: number;
  name: string;
  path: string;
}

/** What the timeline's render bar shows per planned chunk. */
export type ChunkRenderState = 'rendered' | 'stale' | 'none';

const CHUNK_FILE = /^chunk-([0-9a-f]{8,64})-(\d+)-(\d+)\.mp4$/;

export const chunkFileName = (c: Pick<ChunkSpec, 'key' | 'start' | 'end'>): string => `chunk-${c.key}-${c.start}-${c.end}.mp4`;

export function parseChunkFile(name: string, dir: string): ChunkFile | null {
  const m = CHUNK_FILE.exec(name);
  return m ? { key: m[1], start: Number(m[2]), end: Number(m[3]), name, path: join(dir, name) } : null;
}

/** The finished chunks in a work folder (none if it does not exist yet). */
export async function listChunkFiles(workDir: string): Promise<ChunkFile[]> {
  const names = await readdir(workDir).catch(() => [] as string[]);
  return names.map((n) => parseChunkFile(n, workDir)).filter((f): f is ChunkFile => f !== null);
}

/**
 * Per planned chunk: rendered (a file with its key exists), stale (no such file, but one rendered
 * for an earlier version of that stretch is still there: an edit changed its key), or none.
 */
export function chunkStates(plan: ChunkSpec[], files: ChunkFile[]): { chunk: ChunkSpec; state: ChunkRenderState; file?: ChunkFile }[] {
  const byKey = new Map(files.map((f) => [f.key, f]));
  return plan.map((chunk) => {
    const file = byKey.get(chunk.key);
    if (file && file.start === chunk.start && file.end === chunk.end) return { chunk, state: 'rendered', file };
    const older = files.some((f) => f.start < chunk.end && f.end > chunk.start && !plan.some((p) => p.key === f.key));
    return { chunk, state: older ? 'stale' : 'none' };
  });
}

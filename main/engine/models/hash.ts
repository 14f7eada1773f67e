import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as zlib from 'node:zlib';

/**
 * CRC-32 (IEEE, as zlib/PNG) for the `.hash` sidecars. Node ≥ 20.15 has zlib.crc32;
 * older runtimes (and Electron builds pinned to them) get the small table below.
 */
type Crc32Fn = (data: Uint8Array, value?: number) => number;
const nativeCrc32 = (zlib as unknown as { crc32?: Crc32Fn }).crc32;

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** Table-driven CRC-32; `value` continues a previous result, like zlib.crc32. */
export function crc32Fallback(data: Uint8Array, value = 0): number {
  const t = crcTable();
  let c = (value ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function crc32(data: Uint8Array, value = 0): number {
  return nativeCrc32 ? nativeCrc32(data, value) >>> 0 : crc32Fallback(data, value);
}

export const hasNativeCrc32 = nativeCrc32 !== undefined;

export interface FileDigest {
  sha256: string;
  /** 8 lower-case hex digits. */
  crc32: string;
  size: number;
}

/** One streaming pass computes both digests: models are hundreds of MB. */
export async function digestFile(path: string): Promise<FileDigest> {
  const sha = createHash('sha256');
  let crc = 0;
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    sha.update(chunk);
    crc = crc32(chunk, crc);
    size += chunk.length;
  }
  return { sha256: sha.digest('hex'), crc32: crc.toString(16).padStart(8, '0'), size };
}

/** A sidecar holds 8 hex digits, maybe with whitespace or a trailing file name. */
export function parseCrcSidecar(text: string): string | null {
  const m = /^\s*([0-9a-fA-F]{8})\b/.exec(text);
  return m ? m[1].toLowerCase() : null;
}

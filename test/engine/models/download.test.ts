import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelManager } from '../../../main/engine/models/manager';
import { crc32 } from '../../../main/engine/models/hash';
import type { ModelEntry } from '../../../main/engine/models/manifest';
import { readTrust } from '../../../main/engine/models/trust';
import { wav2lipFixture } from '../../helpers/onnx-fixtures';
import { startFileServer, type FileServer } from './http-fixture';
import { sharedDir } from '../../helpers/media';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const crcHex = (b: Uint8Array) => crc32(b).toString(16).padStart(8, '0');
const SHARED = join(sharedDir(), 'models');

let server: FileServer;
let dir: string;
// ~1 MB, so that drops and cancels happen mid-file.
const model = Buffer.from(wav2lipFixture('wav2lip_96', 1_000_000));

/** Two "mirrors" on the local server: /a/ (primary) and /b/. */
function manager(): ModelManager {
  return new ModelManager({ dir, urlsFor: (m: ModelEntry) => [`${server.base}/a/${m.file}`, `${server.base}/b/${m.file}`] });
}

function serve(prefix: string, file: string, body: Buffer, extra: object = {}): void {
  server.routes.set(`/${prefix}/${file}`, { body, ...extra });
  server.routes.set(`/${prefix}/${file.replace(/\.[^.]+$/, '')}.hash`, { body: `${crcHex(body)}\n` });
}

beforeAll(async () => {
  server = await startFileServer();
});
afterAll(() => server.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'redub-models-'));
  server.routes.clear();
  server.log.length = 0;
});

describe('model download', () => {
  it('reports the licence and refuses to download until it is accepted', async () => {
    serve('a', 'wav2lip_96.onnx', model);
    const mm = manager();
    expect(mm.licence('wav2lip_96').nonCommercial).toBe(true);
    await expect(mm.download('wav2lip_96')).rejects.toThrow(/LicenseRef-Wav2Lip-NonCommercial.*NON-COMMERCIAL.*--accept-licence/);
    expect(server.log).toHaveLength(0);
  });

  it('resumes an interrupted transfer with a Range request and records trust on first download', async () => {
    serve('a', 'wav2lip_96.onnx', model, { dropAfter: 300_000 });
    const seen: number[] = [];
    const r = await manager().download('wav2lip_96', { acceptLicence: true, onProgress: (p) => seen.push(p.received) });
    const ranges = server.log.filter((l) => l.path.endsWith('.onnx')).map((l) => l.range);
    expect(ranges).toHaveLength(2);
    expect(ranges[0]).toBeUndefined();
    // Normally exactly 300000; what the client got before the drop is what it asks for.
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(ranges[1] ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(300_000);
    expect(seen.at(-1)).toBe(model.length);
    expect(r.sha256).toBe(sha256(model));
    expect(r.trustRecorded).toBe(true);
    expect(sha256(readFileSync(join(dir, 'wav2lip_96.onnx')))).toBe(sha256(model));
    expect(existsSync(join(dir, 'wav2lip_96.onnx.part'))).toBe(false);
    expect((await readTrust(dir)).models.wav2lip_96.sha256).toBe(sha256(model));
    expect((await manager().verify('wav2lip_96'))[0]).toMatchObject({ ok: true, against: 'trusted' });
  });

  it('follows a redirect (as release assets do) and resumes through it', async () => {
    server.routes.set('/a/wav2lip_96.onnx', { body: '', redirect: '/cdn/blob' });
    server.routes.set('/cdn/blob', { body: model, dropAfter: 400_000 });
    server.routes.set('/a/wav2lip_96.hash', { body: crcHex(model) });
    const r = await manager().download('wav2lip_96', { acceptLicence: true });
    expect(r.sha256).toBe(sha256(model));
    const ranges = server.log.filter((l) => l.path === '/cdn/blob').map((l) => l.range);
    expect(ranges).toHaveLength(2);
    expect(ranges[1]).toMatch(/^bytes=[1-9]\d*-$/);
  });

  it('falls back to the mirror when the primary fails', async () => {
    server.routes.set('/a/wav2lip_gan_96.onnx', { body: '', status: 503 });
    serve('b', 'wav2lip_gan_96.onnx', model);
    const r = await manager().download('wav2lip_gan_96', { acceptLicence: true });
    expect(r.url).toBe(`${server.base}/b/wav2lip_gan_96.onnx`);
    expect(server.log.filter((l) => l.path === '/a/wav2lip_gan_96.onnx')).toHaveLength(3); // 503: retried
  });

  it('gives up on a URL at once on 404, and names every failure when all mirrors fail', async () => {
    await expect(manager().download('gpen_bfr_512', { acceptLicence: true })).rejects.toThrow(
      /download failed.*\/a\/gpen_bfr_512.onnx: HTTP 404.*\/b\/gpen_bfr_512.onnx: HTTP 404/,
    );
    expect(server.log.map((l) => l.path)).toEqual(['/a/gpen_bfr_512.onnx', '/b/gpen_bfr_512.onnx']);
  });

  it('rejects and removes a download whose CRC-32 does not match the sidecar', async () => {
    serve('a', 'wav2lip_96.onnx', model);
    server.routes.set('/a/wav2lip_96.hash', { body: 'deadbeef' });
    server.routes.set('/b/wav2lip_96.hash', { body: 'deadbeef' });
    await expect(manager().download('wav2lip_96', { acceptLicence: true })).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    expect(existsSync(join(dir, 'wav2lip_96.onnx'))).toBe(false);
    expect(existsSync(join(dir, 'wav2lip_96.onnx.part'))).toBe(false);
  });

  it('enforces the SHA-256 recorded on first download against a later swapped file', async () => {
    serve('a', 'wav2lip_96.onnx', model);
    await manager().download('wav2lip_96', { acceptLicence: true });
    await manager().remove('wav2lip_96');
    const swapped = Buffer.from(model);
    swapped[swapped.length - 10] ^= 0xff;
    serve('a', 'wav2lip_96.onnx', swapped); // with a matching sidecar: only trust.json catches it
    await expect(manager().download('wav2lip_96', { acceptLicence: true })).rejects.toThrow(/recorded on first download/);
    expect(existsSync(join(dir, 'wav2lip_96.onnx'))).toBe(false);
    expect(existsSync(join(dir, 'wav2lip_96.onnx.part'))).toBe(false);
  });

  it.runIf(existsSync(SHARED))('checks the pinned SHA-256 of a real model and rejects a corrupted copy', async () => {
    const real = readFileSync(join(SHARED, 'face_detection_short_range.onnx'));
    const bad = Buffer.from(real);
    bad[1000] ^= 0x01;
    server.routes.set('/a/face_detection_short_range.onnx', { body: bad });
    await expect(manager().download('face_detection_short_range', { acceptLicence: true })).rejects.toThrow(/does not match the pinned/);
    expect(existsSync(join(dir, 'face_detection_short_range.onnx'))).toBe(false);
    server.routes.set('/a/face_detection_short_range.onnx', { body: real });
    const r = await manager().download('face_detection_short_range', { acceptLicence: true });
    expect(r.trustRecorded).toBe(false);
    const [status] = (await manager().list()).filter((s) => s.name === 'face_detection_short_range');
    expect(status).toMatchObject({ installed: true, verified: true, nonCommercial: false });
  });

  it('cancel leaves a resumable .part, and the next download resumes it', async () => {
    serve('a', 'wav2lip_96.onnx', model, { slowMs: 5 });
    const ac = new AbortController();
    const first = manager().download('wav2lip_96', {
      acceptLicence: true,
      signal: ac.signal,
      onProgress: (p) => p.received > 100_000 && ac.abort(),
    });
    await expect(first).rejects.toMatchObject({ code: 'CANCELLED' });
    const part = statSync(join(dir, 'wav2lip_96.onnx.part')).size;
    expect(part).toBeGreaterThan(100_000);
    expect(part).toBeLessThan(model.length);
    expect((await manager().list({ verify: false })).find((s) => s.name === 'wav2lip_96')?.partialBytes).toBe(part);
    serve('a', 'wav2lip_96.onnx', model);
    server.log.length = 0;
    await manager().download('wav2lip_96', { acceptLicence: true });
    expect(server.log.find((l) => l.path.endsWith('.onnx'))?.range).toBe(`bytes=${part}-`);
    expect(sha256(readFileSync(join(dir, 'wav2lip_96.onnx')))).toBe(sha256(model));
  });

  it('restarts from zero when the server ignores Range', async () => {
    writeFileSync(join(dir, 'wav2lip_96.onnx.part'), model.subarray(0, 5000));
    serve('a', 'wav2lip_96.onnx', model, { noRange: true });
    const r = await manager().download('wav2lip_96', { acceptLicence: true });
    expect(r.sha256).toBe(sha256(model));
  });

  it('allows one download per model at a time, and takes over a stale lock', async () => {
    serve('a', 'wav2lip_96.onnx', model, { slowMs: 2 });
    let started!: () => void;
    const transferring = new Promise<void>((r) => (started = r));
    const first = manager().download('wav2lip_96', { acceptLicence: true, onProgress: () => started() });
    await transferring;
    await expect(manager().download('wav2lip_96', { acceptLicence: true })).rejects.toThrow(/already being downloaded/);
    await first;
    expect(existsSync(join(dir, 'wav2lip_96.onnx.part.lock'))).toBe(false);
    writeFileSync(join(dir, 'wav2lip_gan_96.onnx.part.lock'), '999999999'); // a crashed process
    serve('a', 'wav2lip_gan_96.onnx', model);
    expect((await manager().download('wav2lip_gan_96', { acceptLicence: true })).bytes).toBe(model.length);
  });

  it('resolveModel names the size, licence and the command to get a missing model', () => {
    expect(() => manager().resolve('wav2lip_96')).toThrow(
      /wav2lip_96 is not installed \(size unknown, licence LicenseRef-Wav2Lip-NonCommercial\); get it with: redub models download wav2lip_96/,
    );
    expect(() => manager().resolve('face_landmark_468')).toThrow(/2\.5 MB, licence Apache-2\.0/);
  });
});

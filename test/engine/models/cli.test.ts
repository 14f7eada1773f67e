import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerDoctor } from '../../../main/cli/commands/doctor';
import { registerModels } from '../../../main/cli/commands/models';
import { crc32 } from '../../../main/engine/models/hash';
import { configureEngine } from '../../../main/engine/settings';
import { fixtureDir, wav2lipFixture, writeFixture } from '../../helpers/onnx-fixtures';
import { startFileServer, type FileServer } from './http-fixture';

let server: FileServer;
const dir = fixtureDir('redub-cli-models-');

/** Runs `redub …` in-process with only our commands registered; returns stdout. */
async function redub(...args: string[]): Promise<string> {
  const program = new Command('redub').exitOverride();
  registerModels(program);
  registerDoctor(program);
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (out += `${a.join(' ')}\n`));
  try {
    await program.parseAsync(['node', 'redub', ...args]);
    return out;
  } finally {
    write.mockRestore();
    err.mockRestore();
    log.mockRestore();
  }
}

beforeAll(async () => {
  server = await startFileServer();
  const model = Buffer.from(wav2lipFixture());
  server.routes.set('/m/wav2lip_gan_96.onnx', { body: model });
  server.routes.set('/m/wav2lip_gan_96.hash', { body: crc32(model).toString(16).padStart(8, '0') });
  configureEngine({ modelsDir: dir });
  process.env.REDUB_MODELS_URL = `${server.base}/m`;
});
afterAll(async () => {
  delete process.env.REDUB_MODELS_URL;
  process.exitCode = undefined;
  await server.close();
});

describe('redub models / doctor', () => {
  it('lists every model as JSON', async () => {
    const r = JSON.parse(await redub('models', 'list', '--json'));
    expect(r.dir).toBe(dir);
    expect(r.models).toHaveLength(18);
    expect(r.models.find((m: { name: string }) => m.name === 'codeformer')).toMatchObject({
      installed: false,
      nonCommercial: true,
      role: 'enhance',
    });
  });

  it('download needs --accept-licence, then fetches from REDUB_MODELS_URL', async () => {
    await expect(redub('models', 'download', 'wav2lip_gan_96')).rejects.toThrow(/--accept-licence/);
    const r = JSON.parse(await redub('models', 'download', 'wav2lip_gan_96', '--accept-licence', '--json'));
    expect(r).toMatchObject({ name: 'wav2lip_gan_96', url: `${server.base}/m/wav2lip_gan_96.onnx`, trustRecorded: true });
    expect(existsSync(join(dir, 'wav2lip_gan_96.onnx'))).toBe(true);
  });

  it('imports with a role and verifies', async () => {
    const file = writeFixture(fixtureDir(), 'w.onnx', wav2lipFixture());
    expect(JSON.parse(await redub('models', 'import', file, '--role', 'lipsync', '--json')).name).toBe('wav2lip_96');
    await expect(redub('models', 'import', file, '--role', 'singing')).rejects.toThrow(/--role must be one of/);
    const v = JSON.parse(await redub('models', 'verify', '--json'));
    expect(v.map((x: { name: string; ok: boolean }) => [x.name, x.ok])).toEqual([
      ['wav2lip_96', true],
      ['wav2lip_gan_96', true],
    ]);
  });

  it('doctor reports onnxruntime, providers and the models dir', async () => {
    const r = JSON.parse(await redub('doctor', '--json'));
    expect(r.onnxruntime.version).toBe('1.30.0');
    expect(r.onnxruntime.providers.find((p: { name: string }) => p.name === 'cpu').usable).toBe(true);
    expect(r.modelsDir).toBe(dir);
    expect(r.installedModels.map((m: { name: string }) => m.name)).toContain('wav2lip_96');
    expect(r.ffmpeg).toHaveProperty('hardwareEncoders');
  });
});

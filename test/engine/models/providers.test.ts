import { afterAll, describe, expect, it } from 'vitest';
import { availableProviders, parsePreference } from '../../../main/engine/models/providers';
import { SessionPool, createSession } from '../../../main/engine/models/sessions';
import { enhancerFixture, fixtureDir, writeFixture } from '../../helpers/onnx-fixtures';

const model = writeFixture(fixtureDir(), 'gpen_bfr_256.onnx', enhancerFixture('gpen_bfr_256'));
const pools: SessionPool[] = [];
afterAll(async () => {
  for (const p of pools) await p.releaseAll();
});

describe('execution providers', () => {
  it('parses REDUB_EP with aliases, CPU always last', () => {
    expect(parsePreference('directml')).toEqual({ order: ['dml', 'cpu'], explicit: true });
    expect(parsePreference('cuda,cpu,cuda').order).toEqual(['cuda', 'cpu']);
    expect(parsePreference(undefined).explicit).toBe(false);
    expect(parsePreference('auto').order.at(-1)).toBe('cpu');
    expect(() => parsePreference('tpu')).toThrow(/unknown execution provider "tpu"/);
  });

  it('always offers CPU', () => {
    const cpu = availableProviders().find((p) => p.name === 'cpu');
    expect(cpu).toMatchObject({ usable: true });
  });

  // This machine has no GPU: asking for CUDA must warn and run on CPU, not crash.
  it.skipIf(availableProviders().find((p) => p.name === 'cuda')?.usable)(
    'falls back from an unavailable CUDA to CPU with a warning',
    async () => {
      const warnings: string[] = [];
      const s = await createSession(model, { preference: parsePreference('cuda'), warn: (m) => warnings.push(m) });
      try {
        expect(s.provider).toBe('cpu');
        expect(s.fallback).toMatch(/^cuda: /);
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatch(/cuda: .*; running on cpu/);
      } finally {
        await s.session.release();
      }
    },
  );

  // WebGPU ships in the Linux build but finds no adapter here: session creation fails.
  it('falls back to CPU when the provider exists but session creation fails', async () => {
    const warnings: string[] = [];
    const s = await createSession(model, { preference: parsePreference('webgpu'), warn: (m) => warnings.push(m) });
    await s.session.release();
    if (s.provider === 'cpu') expect(warnings.join()).toMatch(/webgpu: (session creation failed|not in this)/);
    else expect(warnings).toEqual([]);
  });

  it('auto mode falls back silently', async () => {
    const warnings: string[] = [];
    const s = await createSession(model, { preference: parsePreference('auto'), warn: (m) => warnings.push(m) });
    await s.session.release();
    expect(warnings).toEqual([]);
  });

  it('pools one session per model and provider preference, reports and releases them', async () => {
    const pool = new SessionPool({ preference: parsePreference('cpu') });
    pools.push(pool);
    const [a, b] = await Promise.all([pool.get(model), pool.get(model)]);
    expect(a).toBe(b);
    expect(await pool.report()).toEqual([{ path: model, provider: 'cpu', fallback: undefined }]);
    await pool.releaseAll();
    expect(await pool.report()).toEqual([]);
    expect(await pool.get(model)).not.toBe(a);
  });

  it('a broken model file is MODEL_INVALID, and not cached', async () => {
    const bad = writeFixture(fixtureDir(), 'bad.onnx', new Uint8Array([1, 2, 3]));
    const pool = new SessionPool({ preference: parsePreference('cpu') });
    pools.push(pool);
    await expect(pool.get(bad)).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    expect(await pool.report()).toEqual([]);
  });
});

describe('openModel', () => {
  it('opens an installed model by name through the shared pool, or says how to get it', async () => {
    const { configureEngine, engineSettings } = await import('../../../main/engine/settings');
    const { openModel } = await import('../../../main/engine/models/open');
    const { neuralSessions } = await import('../../../main/engine/models/sessions');
    const before = engineSettings().modelsDir;
    const dir = fixtureDir();
    configureEngine({ modelsDir: dir });
    try {
      await expect(openModel('gpen_bfr_256')).rejects.toMatchObject({ code: 'MODEL_MISSING' });
      writeFixture(dir, 'gpen_bfr_256.onnx', enhancerFixture('gpen_bfr_256'));
      const s = await openModel('gpen_bfr_256');
      expect(s.session.inputNames).toEqual(['input']);
      expect(await openModel('gpen_bfr_256')).toBe(s);
    } finally {
      await neuralSessions().releaseAll();
      configureEngine({ modelsDir: before });
    }
  });
});

/**
 * The app as built and as packaged: electron-vite builds main/preload/renderer, and
 * electron-builder (the real electron-builder.yml, `--dir` target, with a stub in place of the
 * Electron binary that cannot be downloaded here) lays out the packaged app. The built main
 * bundle's CLI then runs from both layouts and must find resources/ (model manifest, emotion
 * templates): beside package.json in a checkout, under process.resourcesPath when packaged.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMOTION_TEMPLATES } from '../../common/domain';
import { REPO_ROOT, removeDir, run } from '../helpers/media';

// Inside the repository (ignored): node_modules is hard-linked, which needs the same file system.
const work = join(REPO_ROOT, '.tmp', `packaging-${process.pid}`);
const checkout = join(work, 'checkout');
const resourcesPath = join(work, 'dist', 'linux-unpacked', 'resources');
const bin = (name: string) => join(REPO_ROOT, 'node_modules', '.bin', name);

interface Doctor {
  resources: { dir: string | null; layout: string | null; manifestModels: number; emotionTemplates: string[]; error?: string };
}

/** `redub doctor --json` from a built cli.js, optionally as Electron would set process.resourcesPath. */
async function doctor(cli: string, resources?: string): Promise<{ code: number; report: Doctor | null; stderr: string }> {
  const preload = resources ? ['--import', `data:text/javascript,process.resourcesPath=${JSON.stringify(resources)}`] : [];
  const env = { ...process.env, REDUB_MODELS_DIR: join(work, 'models') };
  const r = await run(process.execPath, [...preload, cli, 'doctor', '--json'], { env, cwd: work });
  return { code: r.code, report: r.code === 0 ? (JSON.parse(r.stdout.toString()) as Doctor) : null, stderr: r.stderr };
}

beforeAll(async () => {
  // A checkout as electron-builder sees one: sources built into out/, the production tree in node_modules.
  mkdirSync(checkout, { recursive: true });
  for (const f of ['package.json', 'package-lock.json', 'electron-builder.yml']) cpSync(join(REPO_ROOT, f), join(checkout, f));
  cpSync(join(REPO_ROOT, 'resources'), join(checkout, 'resources'), { recursive: true });
  const linked = await run('cp', ['-al', join(REPO_ROOT, 'node_modules'), join(checkout, 'node_modules')]);
  expect(linked.stderr).toBe('');
  const built = await run(bin('electron-vite'), ['build', '--outDir', join(checkout, 'out'), '--logLevel', 'error'], { cwd: REPO_ROOT });
  expect(built.code, built.stderr).toBe(0);
  // The Electron binary cannot be downloaded here; electron-builder only copies the folder it is given.
  const stub = join(work, 'electron-dist');
  mkdirSync(join(stub, 'resources'), { recursive: true });
  writeFileSync(join(stub, 'electron'), '#!/bin/sh\necho "stub electron"\n');
  chmodSync(join(stub, 'electron'), 0o755);
  const args = ['--projectDir', checkout, '--linux', 'dir', `-c.electronDist=${stub}`, '-c.npmRebuild=false'];
  const packed = await run(bin('electron-builder'), [...args, `-c.directories.output=${join(work, 'dist')}`], { cwd: checkout });
  expect(packed.code, packed.stderr).toBe(0);
  // Plain Node cannot read app.asar; Electron also runs an app from resources/app, so unpack it there.
  const asar = (await import('@electron/asar')) as { extractAll(archive: string, dest: string): void };
  asar.extractAll(join(resourcesPath, 'app.asar'), join(resourcesPath, 'app'));
}, 180_000);

afterAll(() => removeDir(work));

describe('the packaged app (electron-builder --dir)', () => {
  it('holds the bundle, native modules outside the archive, and resources/ as extra resources', () => {
    const asar = (name: string) => existsSync(join(resourcesPath, 'app', name));
    for (const f of ['package.json', 'out/main/index.js', 'out/main/engine-host.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      expect(asar(f), f).toBe(true);
    }
    expect(asar('main'), 'TypeScript sources stay out').toBe(false);
    expect(asar('test')).toBe(false);
    const unpacked = join(resourcesPath, 'app.asar.unpacked', 'node_modules');
    expect(existsSync(join(unpacked, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    expect(existsSync(join(unpacked, 'onnxruntime-node', 'bin', 'napi-v6', 'linux', 'x64', 'onnxruntime_binding.node'))).toBe(true);
    expect(existsSync(join(unpacked, 'onnxruntime-node', 'bin', 'napi-v6', 'win32')), 'other platforms are left out').toBe(false);
    expect(existsSync(join(resourcesPath, 'resources', 'models.json'))).toBe(true);
    expect(existsSync(join(resourcesPath, 'resources', 'templates', 'emotions.json'))).toBe(true);
  });

  it('the built CLI finds resources/ under process.resourcesPath, and nowhere else', async () => {
    const cli = join(resourcesPath, 'app', 'out', 'main', 'cli.js');
    const packaged = await doctor(cli, resourcesPath);
    expect(packaged.stderr).toBe('');
    expect(packaged.report!.resources).toEqual({
      dir: join(resourcesPath, 'resources'),
      layout: 'packaged',
      manifestModels: expect.any(Number),
      emotionTemplates: [...EMOTION_TEMPLATES],
    });
    // Read at run time, not baked into the bundle: an edited manifest shows at once.
    const manifestPath = join(resourcesPath, 'resources', 'models.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { models: unknown[] };
    expect(packaged.report!.resources.manifestModels).toBe(manifest.models.length);
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, models: manifest.models.slice(1) }));
    expect((await doctor(cli, resourcesPath)).report!.resources.manifestModels).toBe(manifest.models.length - 1);
    // Without Electron's resourcesPath the archive's own root has no resources/: said in one line.
    const bare = await doctor(cli);
    expect(bare.report!.resources.error).toMatch(
      /the app's resources \(models\.json\) are missing from .*app[/\\]resources: reinstall Redub$/,
    );
  });
});

describe('the built main bundle in a checkout', () => {
  it('finds resources/ beside package.json', async () => {
    const r = await doctor(join(checkout, 'out', 'main', 'cli.js'));
    expect(r.stderr).toBe('');
    expect(r.report!.resources).toMatchObject({ dir: join(checkout, 'resources'), layout: 'checkout' });
    expect(r.report!.resources.emotionTemplates).toEqual([...EMOTION_TEMPLATES]);
  });

  it('the engine host bundle loads its whole module graph (it then asks for Electron)', async () => {
    const r = await run(process.execPath, [join(checkout, 'out', 'main', 'engine-host.js')], { cwd: work });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('engine-host must run in an Electron utilityProcess');
  });
});

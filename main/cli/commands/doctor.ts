import type { Command } from 'commander';
import * as ort from 'onnxruntime-node';
import { listCache } from '../../engine/cache/cache-store';
import { ffmpegTools, runTool } from '../../engine/media/ffmpeg';
import { emotionTemplates } from '../../engine/expression/templates';
import { probeHardwareEncoders } from '../../engine/media/hardware-encoders';
import { hasNativeCrc32 } from '../../engine/models/hash';
import { ModelManager } from '../../engine/models/manager';
import { formatSize, loadManifest } from '../../engine/models/manifest';
import { availableProviders, preferenceFromEnv, type ProviderInfo } from '../../engine/models/providers';
import { probeProvider } from '../../engine/models/sessions';
import { resourcesLocation } from '../../engine/resources';
import { engineSettings } from '../../engine/settings';
import { printJson } from '../output';

interface FfmpegReport {
  path: string | null;
  version: string | null;
  /** Only those that encoded a test frame here. */
  hardwareEncoders: string[];
  /** How many this ffmpeg build lists (each was tried). */
  hardwareEncodersListed: number;
  error?: string;
}

async function ffmpegReport(): Promise<FfmpegReport> {
  try {
    const { ffmpeg } = ffmpegTools();
    const r = await runTool(ffmpeg, ['-hide_banner', '-version']);
    const version = /ffmpeg version (\S+)/.exec(r.stdout.toString())?.[1] ?? null;
    const probes = await probeHardwareEncoders();
    const working = probes.filter((p) => p.ok).map((p) => p.name);
    return { path: ffmpeg, version, hardwareEncoders: working, hardwareEncodersListed: probes.length };
  } catch (e) {
    return { path: null, version: null, hardwareEncoders: [], hardwareEncodersListed: 0, error: (e as Error).message };
  }
}

function preference(): { order: string[]; explicit: boolean; error?: string } {
  try {
    return preferenceFromEnv();
  } catch (e) {
    return { order: [], explicit: true, error: (e as Error).message };
  }
}

type ProbedProvider = ProviderInfo & { probe?: { ok: boolean; error?: string } };

/** Tries each usable GPU provider on the smallest installed ONNX model, when there is one. */
async function providers(modelPath: string | undefined): Promise<ProbedProvider[]> {
  const out: ProbedProvider[] = [];
  for (const p of availableProviders()) {
    out.push(p.usable && p.name !== 'cpu' && modelPath ? { ...p, probe: await probeProvider(modelPath, p.name) } : p);
  }
  return out;
}

interface ResourcesReport {
  dir: string | null;
  layout: 'packaged' | 'checkout' | null;
  manifestModels: number;
  emotionTemplates: string[];
  error?: string;
}

/** Where the shipped files were found (checkout or packaged app), and that they load. */
function resources(): ResourcesReport {
  try {
    const { dir, layout } = resourcesLocation();
    return { dir, layout, manifestModels: loadManifest().models.length, emotionTemplates: [...emotionTemplates().keys()] };
  } catch (e) {
    return { dir: null, layout: null, manifestModels: 0, emotionTemplates: [], error: (e as Error).message };
  }
}

/** How much the analysis cache holds against its cap (see `redub cache list`). */
async function cacheReport(): Promise<{ dir: string; bytes: number; limitBytes: number; entries: number }> {
  const s = await listCache();
  return { dir: s.dir, bytes: s.totalBytes, limitBytes: s.limitBytes, entries: s.entries.length };
}

/** Everything a bug report needs, gathered without starting any job. */
async function gather() {
  const res = resources();
  // Without the manifest there is no model to list; the report still says why.
  const models = res.error ? [] : await new ModelManager().list({ verify: false });
  const onnx = models.filter((m) => m.installed && m.path.endsWith('.onnx')).sort((a, b) => (a.size ?? Infinity) - (b.size ?? Infinity));
  return {
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    ffmpeg: await ffmpegReport(),
    onnxruntime: {
      version: ort.env.versions.node ?? ort.env.versions.common,
      providers: await providers(onnx[0]?.path),
      preference: preference(),
    },
    crc32: hasNativeCrc32 ? 'zlib' : 'table',
    resources: res,
    modelsDir: engineSettings().modelsDir,
    cache: await cacheReport(),
    installedModels: models.filter((m) => m.installed).map((m) => ({ name: m.name, role: m.role, licence: m.licence.id })),
  };
}

function providerState(p: ProbedProvider): string {
  if (!p.usable) return `unavailable: ${p.reason}`;
  if (!p.probe) return p.name === 'cpu' ? 'available' : 'present (not probed: no model installed)';
  return p.probe.ok ? 'available (probed)' : `present but fails: ${p.probe.error}`;
}

function print(r: Awaited<ReturnType<typeof gather>>): void {
  const f = r.ffmpeg;
  console.log(`node        ${r.node} (${r.platform})`);
  console.log(`ffmpeg      ${f.path ? `${f.path} (${f.version ?? 'version unknown'})` : `MISSING: ${f.error}`}`);
  const tried = f.hardwareEncodersListed ? ` (${f.hardwareEncodersListed} listed by ffmpeg, each tried on one frame)` : '';
  console.log(`hw encoders ${f.hardwareEncoders.join(', ') || 'none that work'}${tried}`);
  console.log(`onnxruntime ${r.onnxruntime.version}`);
  for (const p of r.onnxruntime.providers) console.log(`  ${p.name.padEnd(7)} ${providerState(p)}`);
  const pref = r.onnxruntime.preference;
  console.log(`  REDUB_EP  ${pref.error ?? `${pref.explicit ? '' : 'auto: '}${pref.order.join(' → ')}`}`);
  const res = r.resources;
  console.log(`resources   ${res.error ? `MISSING: ${res.error}` : `${res.dir} (${res.layout})`}`);
  console.log(`models dir  ${r.modelsDir}`);
  const c = r.cache;
  console.log(`cache       ${c.dir}: ${formatSize(c.bytes)} in ${c.entries} entries (limit ${formatSize(c.limitBytes)}; redub cache list)`);
  for (const m of r.installedModels) console.log(`  ${m.name.padEnd(34)} ${m.role.padEnd(10)} ${m.licence}`);
  if (r.installedModels.length === 0) console.log('  (no models installed: see redub models list)');
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check ffmpeg, hardware encoders, onnxruntime providers and installed models')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      const r = await gather();
      if (o.json) return printJson(r);
      print(r);
    });
}

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';

/**
 * Execution providers: which hardware runs the networks.
 *
 * onnxruntime-node lists the backends its binary was built with
 * (`listSupportedBackends()`: {name, bundled}). "bundled: false" means the provider's
 * libraries are NOT shipped in the npm package: on Linux x64 that is CUDA (and
 * TensorRT), fetched by the package's install script.
 *
 * CUDA opt-in (NVIDIA GPU, CUDA 12 + cuDNN 9 installed on the machine):
 *   ONNXRUNTIME_NODE_INSTALL=cuda12 npm install onnxruntime-node
 * (or `npm install onnxruntime-node --onnxruntime-node-install=cuda12`; the older
 * `ONNXRUNTIME_NODE_INSTALL_CUDA=v12` still works). That puts
 * libonnxruntime_providers_{shared,cuda}.so next to the binding. From a checkout:
 * `REDUB_CUDA=1 npm run setup` (plain setup uses ONNXRUNTIME_NODE_INSTALL=skip: CPU only).
 * Then run with REDUB_EP=cuda (or leave REDUB_EP unset: auto prefers it when present).
 * DirectML ships in the Windows build, CoreML in the macOS build: nothing to install.
 */

export const PROVIDERS = ['cuda', 'dml', 'coreml', 'webgpu', 'cpu'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

const ALIASES: Record<string, ProviderName> = {
  cuda: 'cuda',
  gpu: 'cuda',
  dml: 'dml',
  directml: 'dml',
  coreml: 'coreml',
  webgpu: 'webgpu',
  cpu: 'cpu',
};

export interface ProviderInfo {
  name: ProviderName;
  /** Named by this build of onnxruntime-node. */
  listed: boolean;
  /** Its libraries are present, so a session may be tried (the device may still be absent). */
  usable: boolean;
  reason?: string;
}

/** The binding's folder, where non-bundled provider libraries get installed. */
function bindingDir(): string | null {
  try {
    const entry = createRequire(import.meta.url).resolve('onnxruntime-node');
    return join(dirname(entry), '..', 'bin', 'napi-v6', process.platform, process.arch);
  } catch {
    return null;
  }
}

function cudaLibraryPresent(): boolean {
  const dir = bindingDir();
  const lib = process.platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so';
  return !!dir && existsSync(join(dir, lib));
}

function listed(): Map<string, boolean> {
  try {
    return new Map(ort.listSupportedBackends().map((b) => [b.name, b.bundled]));
  } catch {
    return new Map([['cpu', true]]);
  }
}

/** Every provider we know, with whether this install can try it. */
export function availableProviders(): ProviderInfo[] {
  const backends = listed();
  return PROVIDERS.map((name): ProviderInfo => {
    if (name === 'cpu') return { name, listed: true, usable: true };
    const bundled = backends.get(name);
    if (bundled === undefined)
      return { name, listed: false, usable: false, reason: `not in this onnxruntime-node build (${process.platform}/${process.arch})` };
    if (!bundled && name === 'cuda' && !cudaLibraryPresent()) {
      return {
        name,
        listed: true,
        usable: false,
        reason: 'CUDA provider libraries not installed; reinstall onnxruntime-node with ONNXRUNTIME_NODE_INSTALL=cuda12',
      };
    }
    return { name, listed: true, usable: true };
  });
}

/** What auto tries, best first. WebGPU stays opt-in: its adapters are too uneven. */
export function autoPreference(platform: NodeJS.Platform = process.platform): ProviderName[] {
  if (platform === 'win32') return ['cuda', 'dml', 'cpu'];
  if (platform === 'darwin') return ['coreml', 'cpu'];
  return ['cuda', 'cpu'];
}

export interface ProviderPreference {
  order: ProviderName[];
  /** The user asked for these: falling back deserves a warning. */
  explicit: boolean;
}

/** REDUB_EP: unset or "auto", or a comma list such as "cuda", "dml,cpu". CPU always ends the list. */
export function parsePreference(value: string | undefined): ProviderPreference {
  const v = (value ?? '').trim().toLowerCase();
  if (!v || v === 'auto') return { order: autoPreference(), explicit: false };
  const order: ProviderName[] = [];
  for (const part of v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const name = ALIASES[part];
    if (!name) throw new Error(`unknown execution provider "${part}" (use ${Object.keys(ALIASES).join(', ')} or auto)`);
    if (!order.includes(name)) order.push(name);
  }
  if (!order.includes('cpu')) order.push('cpu');
  return { order, explicit: true };
}

export function preferenceFromEnv(env: NodeJS.ProcessEnv = process.env): ProviderPreference {
  return parsePreference(env.REDUB_EP);
}

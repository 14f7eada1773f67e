import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { RedubError } from '../errors';
import { modelPath, type ModelContext } from './context';
import { digestFile } from './hash';
import { inspectOnnx } from './inspect';
import { findModel, type ModelEntry, type ModelRole } from './manifest';
import { describeSignature, signatureProblems, type ModelSignature } from './signature';
import { recordTrust } from './trust';

export interface ImportOptions {
  role: ModelRole;
  /** Import as this manifest entry; otherwise the entry of `role` whose signature fits. */
  name?: string;
}

export interface ImportResult {
  name: string;
  path: string;
  sha256: string;
  signature: ModelSignature;
  /** Things the user should know (e.g. an interface the manifest only partly knows). */
  warnings: string[];
}

/** Among fitting entries, the one whose file name matches wins (wav2lip_96 vs _gan_96 look alike). */
function pickEntry(ctx: ModelContext, file: string, o: ImportOptions, sig: ModelSignature): ModelEntry {
  const candidates = o.name
    ? [findModel(o.name, ctx.manifest)]
    : ctx.manifest.models.filter((m) => m.role === o.role && m.format === 'onnx');
  if (o.name && candidates[0].role !== o.role) {
    throw new RedubError('INVALID_ARGUMENT', `${o.name} has role ${candidates[0].role}, not ${o.role}`);
  }
  const fitting = candidates.filter((m) => signatureProblems(m, sig).length === 0);
  const byName = fitting.find((m) => m.file === basename(file));
  if (byName ?? fitting[0]) return byName ?? fitting[0];
  const detail = candidates.map((m) => `${m.name}: ${signatureProblems(m, sig).join(', ')}`).join('; ');
  throw new RedubError('MODEL_INVALID', `its interface ${describeSignature(sig)} fits no ${o.role} model (${detail})`, file);
}

/** Copy through a temp name, so that a half-copied model is never taken for an installed one. */
async function install(src: string, dest: string): Promise<void> {
  const tmp = `${dest}.import`;
  try {
    await copyFile(src, tmp);
    await rename(tmp, dest);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export async function importModel(ctx: ModelContext, file: string, o: ImportOptions): Promise<ImportResult> {
  const sig = await inspectOnnx(file);
  const m = pickEntry(ctx, file, o, sig);
  const digest = await digestFile(file);
  if (m.sha256 && digest.sha256 !== m.sha256) {
    throw new RedubError('MODEL_INVALID', `fits ${m.name} but its SHA-256 ${digest.sha256} is not the pinned ${m.sha256}`, file);
  }
  await mkdir(ctx.dir, { recursive: true });
  const path = modelPath(ctx, m);
  await install(file, path);
  // The user vouches for this file: it becomes the trusted one from now on.
  if (!m.sha256) {
    await recordTrust(ctx.dir, m.name, {
      sha256: digest.sha256,
      size: digest.size,
      source: 'import',
      recordedAt: new Date().toISOString(),
      from: file,
    });
  }
  const warnings = m.signatureKnown
    ? []
    : [`${m.name}: the manifest knows only part of its interface; checked ${m.inputs.length + m.outputs.length} tensors`];
  return { name: m.name, path, sha256: digest.sha256, signature: sig, warnings };
}

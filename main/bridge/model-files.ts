import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { ApiCallError } from '../../common/contract';
import { isRedubError } from '../engine/errors';
import { faceManifestModels } from '../engine/face/models/descriptors';
import type { ModelManager } from '../engine/models/manager';
import { findModel, type ModelRole } from '../engine/models/manifest';

/**
 * A model file the user brings in from the editor (offline first run, a private copy): its
 * manifest entry is the one with its file name, else the face model whose interface it fits.
 * Refusals are one line naming the file, in words for people.
 */
export async function importUserModel(mm: ModelManager, file: string): Promise<string> {
  const byName = (await mm.list({ verify: false })).find((m) => m.file === basename(file));
  const tries: { role: ModelRole; name?: string }[] = byName
    ? [{ role: byName.role, name: byName.name }]
    : [...new Set(faceManifestModels().map((n) => findModel(n).role))].map((role) => ({ role }));
  let last: unknown;
  for (const t of tries) {
    try {
      return (await mm.import(file, t)).name;
    } catch (e) {
      last = e;
    }
  }
  const why = isRedubError(last) || last instanceof Error ? last.message.replace(`${file}: `, '') : String(last);
  throw new ApiCallError('INVALID_ARGUMENT', `${file}: not a model Redub can use (${why})`, 'path');
}

/** A models folder the user chose: it must exist and be a folder (nothing is created there). */
export function checkModelsFolder(dir: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new ApiCallError('INVALID_ARGUMENT', `${dir}: this folder does not exist`, 'path');
  }
  if (!isDir) throw new ApiCallError('INVALID_ARGUMENT', `${dir}: this is a file, not a folder`, 'path');
}

import { z } from 'zod';
import { RedubError } from '../errors';
import { readResourceJson } from '../resources';

/**
 * The model manifest (resources/models.json) lists every model the engine knows:
 * where to get it, how to verify it, its licence and its tensor interface.
 * It is validated on load so that a bad edit fails loudly in tests, not at a user's desk.
 */

export const MODEL_ROLES = ['detect', 'landmarks', 'lipsync', 'enhance', 'expression'] as const;
export type ModelRole = (typeof MODEL_ROLES)[number];

/** A dimension: a fixed size, -1 (dynamic) or a symbolic name such as "batch". */
const dimSchema = z.union([z.number().int().min(-1), z.string().min(1)]);

const tensorSchema = z.object({
  /** null where the reference does not name it (outputs are then matched by position). */
  name: z.string().min(1).nullable(),
  /** null where the reference does not state it (any type accepted). */
  dtype: z.enum(['float32', 'float64', 'float16', 'int64', 'int32', 'uint8', 'bool']).nullable(),
  /** null where the shape is not known. */
  shape: z.array(dimSchema).nullable(),
  description: z.string().optional(),
});

const licenceSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  commercialUse: z.boolean(),
  url: z.string().url(),
});

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256');

const modelSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9_.-]+$/),
    role: z.enum(MODEL_ROLES),
    format: z.enum(['onnx', 'obj']),
    file: z.string().min(1),
    /** Primary first, then mirrors; tried in order. */
    urls: z.array(z.string().url()).min(1),
    size: z.number().int().positive().nullable(),
    sha256: sha256Schema.nullable(),
    /** The host publishes `{name}.hash` (CRC-32, 8 hex digits) next to the file. */
    crc32Sidecar: z.boolean(),
    licence: licenceSchema,
    /** false where only part of the interface is documented: imports then check only what is listed. */
    signatureKnown: z.boolean(),
    inputs: z.array(tensorSchema),
    outputs: z.array(tensorSchema),
    alignment: z.object({ template: z.string(), size: z.number().int().positive() }).nullable(),
    notes: z.string(),
  })
  .refine((m) => m.sha256 !== null || m.crc32Sidecar, { message: 'a model needs a sha256 or a CRC-32 sidecar' });

const manifestSchema = z
  .object({
    version: z.literal(1),
    /** Five-point alignment templates: (x, y) as fractions of the crop side. */
    templates: z.record(z.string(), z.array(z.tuple([z.number(), z.number()])).length(5)),
    models: z.array(modelSchema).min(1),
  })
  .refine((m) => new Set(m.models.map((x) => x.name)).size === m.models.length, { message: 'duplicate model name' })
  .refine((m) => m.models.every((x) => !x.alignment || x.alignment.template in m.templates), {
    message: 'alignment names an unknown template',
  });

export type TensorSpec = z.infer<typeof tensorSchema>;
export type Licence = z.infer<typeof licenceSchema>;
export type ModelEntry = z.infer<typeof modelSchema>;
export type Manifest = z.infer<typeof manifestSchema>;

export function parseManifest(value: unknown): Manifest {
  const r = manifestSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new RedubError('MODEL_INVALID', `model manifest is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return r.data;
}

let cached: Manifest | undefined;

/** The shipped manifest (resources/models.json), validated once. */
export function loadManifest(): Manifest {
  cached ??= parseManifest(readResourceJson('models.json'));
  return cached;
}

export function findModel(name: string, manifest: Manifest = loadManifest()): ModelEntry {
  const m = manifest.models.find((x) => x.name === name);
  if (!m) {
    const known = manifest.models.map((x) => x.name).join(', ');
    throw new RedubError('INVALID_ARGUMENT', `unknown model "${name}" (known: ${known})`);
  }
  return m;
}

export function formatSize(bytes: number | null): string {
  return bytes === null ? 'size unknown' : `${(bytes / 1e6).toFixed(1)} MB`;
}

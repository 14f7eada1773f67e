import type { ModelEntry, TensorSpec } from './manifest';

/** What onnxruntime reports about one input or output of a loaded model. */
export interface TensorMeta {
  name: string;
  /** onnxruntime's type name (float32, int64…), null for non-tensors. */
  type: string | null;
  /** Dimensions: numbers, -1 or symbolic names; null when the model leaves the shape open. */
  shape: ReadonlyArray<number | string> | null;
}

export interface ModelSignature {
  inputs: TensorMeta[];
  outputs: TensorMeta[];
}

const isOpen = (d: number | string): boolean => typeof d === 'string' || d < 0;

/** A fixed manifest dim must equal the model's, unless either side leaves it open. */
function shapeProblem(spec: TensorSpec, meta: TensorMeta): string | null {
  if (!spec.shape || !meta.shape || meta.shape.length === 0) return null;
  const want = `[${spec.shape.join(',')}]`;
  const got = `[${meta.shape.join(',')}]`;
  if (spec.shape.length !== meta.shape.length) return `${meta.name}: shape ${got}, expected ${want}`;
  const bad = spec.shape.some((d, i) => !isOpen(d) && !isOpen(meta.shape![i]) && d !== meta.shape![i]);
  return bad ? `${meta.name}: shape ${got}, expected ${want}` : null;
}

function tensorProblems(kind: string, specs: TensorSpec[], metas: TensorMeta[], strict: boolean): string[] {
  const problems: string[] = [];
  const matched = new Set<TensorMeta>();
  specs.forEach((spec, i) => {
    // Unnamed tensors in the manifest (the reference does not name them) match by position.
    const meta = spec.name === null ? metas[i] : metas.find((m) => m.name === spec.name);
    if (!meta) {
      problems.push(`${kind} ${spec.name ?? `#${i}`} is missing`);
      return;
    }
    matched.add(meta);
    if (spec.dtype && meta.type && spec.dtype !== meta.type) problems.push(`${meta.name}: type ${meta.type}, expected ${spec.dtype}`);
    const shape = shapeProblem(spec, meta);
    if (shape) problems.push(shape);
  });
  // An extra input we would not feed makes every run fail; extra outputs are harmless but
  // mean this is some other network, so both count when the interface is fully known.
  if (strict) for (const m of metas) if (!matched.has(m)) problems.push(`unexpected ${kind} ${m.name}`);
  return problems;
}

/** Every way `sig` differs from the manifest entry; empty when it fits. */
export function signatureProblems(entry: ModelEntry, sig: ModelSignature): string[] {
  return [
    ...tensorProblems('input', entry.inputs, sig.inputs, entry.signatureKnown),
    ...tensorProblems('output', entry.outputs, sig.outputs, entry.signatureKnown),
  ];
}

export function describeSignature(sig: ModelSignature): string {
  const one = (t: TensorMeta) => `${t.name}${t.shape ? `[${t.shape.join(',')}]` : ''}`;
  return `(${sig.inputs.map(one).join(', ')}) → (${sig.outputs.map(one).join(', ')})`;
}

import type * as ort from 'onnxruntime-node';
import { RedubError } from '../../errors';

/** The motion extractor's outputs by name (docs/reference.md §3). */
export const MOTION_OUTPUTS = ['pitch', 'yaw', 'roll', 'scale', 'translation', 'expression', 'motion_points'] as const;

type Session = Pick<ort.InferenceSession, 'inputMetadata' | 'outputNames' | 'inputNames'>;

/** A declared [1,3,S,S] image input's S, or undefined when the file leaves a dimension open. */
export function squareImageSize(session: Session, input: string): number | undefined {
  const meta = session.inputMetadata.find((m) => m.name === input);
  if (!meta?.isTensor) return undefined;
  const [n, c, h, w] = meta.shape;
  const fixed = (d: number | string | undefined): d is number => typeof d === 'number' && d > 0;
  return meta.shape.length === 4 && n === 1 && c === 3 && fixed(h) && fixed(w) && h === w ? h : undefined;
}

/**
 * What Redub can drive: the names the reference gives, and image sizes the file itself
 * declares. Anything else is reported, not guessed: the reference leaves LivePortrait's
 * shapes open (signatureKnown: false), and a wrong guess would paint garbage faces.
 */
export function checkLivePortrait(
  model: string,
  session: Session,
  needs: { inputs: string[]; outputs?: readonly string[]; imageInput?: string },
): number | undefined {
  const problems: string[] = [];
  for (const name of needs.inputs) if (!session.inputNames.includes(name)) problems.push(`no input "${name}"`);
  for (const name of needs.outputs ?? []) if (!session.outputNames.includes(name)) problems.push(`no output "${name}"`);
  const size = needs.imageInput ? squareImageSize(session, needs.imageInput) : undefined;
  if (needs.imageInput && size === undefined) problems.push(`input "${needs.imageInput}" does not declare a fixed [1,3,S,S] shape`);
  if (problems.length) {
    throw new RedubError(
      'MODEL_INVALID',
      `${model}: ${problems.join('; ')} — the reference does not specify LivePortrait's tensors (signatureKnown: false), so Redub cannot drive this file`,
    );
  }
  return size;
}

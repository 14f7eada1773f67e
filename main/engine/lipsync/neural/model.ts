import * as ort from 'onnxruntime-node';
import { openModel, type ModelSession } from '../../models';
import { RedubError } from '../../errors';
import { neuralTimings } from './timings';

/** One model call's inputs: tensor name → data (shape comes from the model, batch 1). */
export type Feeds = Record<string, Float32Array>;

type Meta = ort.InferenceSession.ValueMetadata;

/** Dims of an input as the file declares them (the manifest mirrors these). */
function declaredShape(meta: Meta | undefined): (number | string)[] {
  return meta && meta.isTensor ? [...meta.shape] : [];
}

/**
 * A neural model as a stage sees it: named float inputs of one sample each, the first output
 * back (the FaceFusion exports do not document output names, so outputs go by position).
 * Samples are stacked along the batch axis when the file allows it; the downloadable models
 * fix it at 1, so they run one sample per call. Every call's time is booked for the bench.
 */
export class NeuralModel {
  /** session.run calls so far (one per batch of samples). */
  calls = 0;

  private constructor(
    private readonly s: ModelSession,
    readonly name: string,
    private readonly stage: string,
  ) {}

  /** Opens the installed model (MODEL_MISSING with the download command otherwise). */
  static async open(name: string, stage: string): Promise<NeuralModel> {
    return new NeuralModel(await openModel(name), name, stage);
  }

  /** How many samples one call may carry: 1 for a fixed batch axis, else `wanted`. */
  batchCapacity(wanted: number): number {
    const fixed = this.s.session.inputMetadata.some((m) => typeof declaredShape(m)[0] === 'number' && (declaredShape(m)[0] as number) > 0);
    return fixed ? 1 : Math.max(1, wanted);
  }

  private tensor(name: string, samples: Float32Array[]): ort.Tensor {
    const meta = this.s.session.inputMetadata.find((m) => m.name === name);
    if (!meta) throw new RedubError('MODEL_INVALID', `${this.name} has no input "${name}"`, this.s.path);
    const shape = declaredShape(meta).map((d, i) =>
      i === 0 && samples.length > 1 ? samples.length : typeof d === 'number' && d > 0 ? d : 1,
    );
    const flat = samples.length === 1 ? samples[0] : concat(samples);
    // CodeFormer's `weight` dtype is not documented: feed whatever the file declares.
    const type = meta.isTensor ? meta.type : 'float32';
    if (type === 'float64') return new ort.Tensor('float64', Float64Array.from(flat), shape);
    return new ort.Tensor('float32', flat, shape);
  }

  /** Runs one call over `samples` (≤ batchCapacity) and splits the first output per sample. */
  async run(samples: Feeds[]): Promise<Float32Array[]> {
    const names = Object.keys(samples[0]);
    const feeds = Object.fromEntries(
      names.map((n) => [
        n,
        this.tensor(
          n,
          samples.map((s) => s[n]),
        ),
      ]),
    );
    const started = performance.now();
    const result = await this.s.session.run(feeds);
    this.calls++;
    neuralTimings.addInference(this.stage, performance.now() - started);
    const out = result[this.s.session.outputNames[0]].data as Float32Array;
    const per = out.length / samples.length;
    return samples.map((_, i) => out.subarray(i * per, (i + 1) * per));
  }

  /** Runs any number of samples in calls of at most `batch`. */
  async runAll(samples: Feeds[], batch: number): Promise<Float32Array[]> {
    const cap = this.batchCapacity(batch);
    const out: Float32Array[] = [];
    for (let i = 0; i < samples.length; i += cap) out.push(...(await this.run(samples.slice(i, i + cap))));
    return out;
  }
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

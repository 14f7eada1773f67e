/** Where a neural stage's time goes, per stage name: inside the model vs. everything else. */
export interface StageTiming {
  frames: number;
  /** Wall time inside process() (preparation, inference, pasting), ms. */
  stageMs: number;
  /** Wall time inside session.run, ms. */
  inferenceMs: number;
}

/**
 * Process-wide counters the benchmark reads after a run (onnxruntime-node runs a session
 * synchronously on the calling thread, so these wall times do not overlap each other).
 */
class NeuralTimings {
  private readonly byStage = new Map<string, StageTiming>();

  private entry(stage: string): StageTiming {
    let t = this.byStage.get(stage);
    if (!t) this.byStage.set(stage, (t = { frames: 0, stageMs: 0, inferenceMs: 0 }));
    return t;
  }

  addInference(stage: string, ms: number): void {
    this.entry(stage).inferenceMs += ms;
  }

  addBatch(stage: string, frames: number, ms: number): void {
    const t = this.entry(stage);
    t.frames += frames;
    t.stageMs += ms;
  }

  snapshot(): Record<string, StageTiming> {
    return Object.fromEntries([...this.byStage].map(([k, v]) => [k, { ...v }]));
  }

  reset(): void {
    this.byStage.clear();
  }
}

export const neuralTimings = new NeuralTimings();

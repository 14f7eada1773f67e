import { RedubError } from '../errors';
import type { FrameStage } from '../pipeline/stage';

/** Options a dub run passes to the lip-sync engine's stage factory. */
export interface LipsyncRequest {
  engine: string;
  enhance?: string;
  emotion?: string;
  intensity?: number;
  debugOverlay?: boolean;
}

export type StageChainFactory = (req: LipsyncRequest) => Promise<FrameStage[]>;

const engines = new Map<string, StageChainFactory>([['none', async () => []]]);

/** Lip-sync engines register themselves here; the CLI and the editor only know names. */
export function registerLipsyncEngine(name: string, factory: StageChainFactory): void {
  engines.set(name, factory);
}

export function lipsyncEngines(): string[] {
  return [...engines.keys()];
}

export async function buildStageChain(req: LipsyncRequest): Promise<FrameStage[]> {
  const factory = engines.get(req.engine);
  if (!factory) {
    throw new RedubError('INVALID_ARGUMENT', `unknown lip-sync engine "${req.engine}" (available: ${lipsyncEngines().join(', ')})`);
  }
  return factory(req);
}

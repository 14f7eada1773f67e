import { hostname } from 'node:os';
import { RedubError } from '../errors';
import { ffmpegTools, runTool } from '../media/ffmpeg';
import { ModelManager } from '../models/manager';
import { availableProviders } from '../models/providers';
import { lipsyncEngines } from '../stages';

/** What one worker can do, announced in Redis while it runs (see queues.ts `keys.worker`). */
export interface WorkerCapabilities {
  name: string;
  host: string;
  pid: number;
  concurrency: number;
  /** Lip-sync engines it can run (a neural engine only with its model installed). */
  engines: string[];
  models: string[];
  /** onnxruntime execution providers this install can use (cpu always). */
  providers: string[];
  /** Video codecs its ffmpeg can encode. */
  encoders: string[];
}

/** What a language's chunks need of a worker. */
export interface ChunkNeeds {
  engine: string;
  encoder: string;
  provider?: string;
}

const CODEC_ENCODERS: Record<string, string> = { h264: 'libx264', h265: 'libx265', vp9: 'libvpx-vp9' };

async function ffmpegCodecs(): Promise<string[]> {
  const r = await runTool(ffmpegTools().ffmpeg, ['-hide_banner', '-encoders']);
  const listed = r.stdout.toString();
  return Object.entries(CODEC_ENCODERS)
    .filter(([, enc]) => new RegExp(`\\s${enc}\\s`).test(listed))
    .map(([codec]) => codec);
}

export async function detectCapabilities(name: string, concurrency: number): Promise<WorkerCapabilities> {
  const models = (await new ModelManager().list({ verify: false })).filter((m) => m.installed).map((m) => m.name);
  const engines = lipsyncEngines().filter((e) => e === 'none' || e === 'builtin' || models.includes(e));
  const providers = availableProviders()
    .filter((p) => p.usable)
    .map((p) => p.name);
  return { name, host: hostname(), pid: process.pid, concurrency, engines, models, providers, encoders: await ffmpegCodecs() };
}

/** What a worker lacks for these needs, in words ("lip-sync engine wav2lip_96"); empty when it can run them. */
export function missing(w: WorkerCapabilities, needs: ChunkNeeds): string[] {
  const out: string[] = [];
  if (!w.engines.includes(needs.engine)) out.push(`lip-sync engine ${needs.engine}`);
  if (!w.encoders.includes(needs.encoder)) out.push(`encoder ${needs.encoder}`);
  if (needs.provider && !w.providers.includes(needs.provider)) out.push(`execution provider ${needs.provider}`);
  return out;
}

/** Fails, naming what is missing, when no live worker can run these chunks. */
export function assertRunnable(workers: WorkerCapabilities[], needs: ChunkNeeds, what: string): void {
  if (workers.length === 0)
    throw new RedubError('INVALID_ARGUMENT', `${what}: no live farm worker (start one with \`redub worker --farm URL\`)`);
  if (workers.some((w) => missing(w, needs).length === 0)) return;
  const lacks = [...new Set(workers.flatMap((w) => missing(w, needs)))];
  throw new RedubError('INVALID_ARGUMENT', `${what}: no live farm worker has ${lacks.join(' and ')} (${workers.length} worker(s) seen)`);
}

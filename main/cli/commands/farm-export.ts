import { resolve } from 'node:path';
import { RedubError } from '../../engine/errors';
import { FarmClient, type FarmStatus } from '../../engine/farm/farm-client';
import { farmProjectKey, farmRequests, watchFarmExport, type FarmRequestOptions } from '../../engine/farm/farm-export';
import { parseFarmUrl } from '../../engine/farm/farm-url';
import { ProjectStore } from '../../engine/store';
import { endProgress, printJson, printProgress } from '../output';
import { cancelOnSignals } from '../signals';

export interface FarmExportOptions extends FarmRequestOptions {
  farm: string;
  detach?: boolean;
  json?: boolean;
}

/** Progress of one language: percent, frames, fps, ETA, and which workers render it now. */
function show(s: FarmStatus, last: Map<string, string>, since: Map<string, { at: number; done: number }>): void {
  const label = `export ${s.record.language}`;
  if (s.state === 'done' || s.state === 'failed' || s.state === 'cancelled') {
    endProgress();
    const what = s.state === 'done' ? `wrote ${s.record.out}` : `${s.state}${s.error ? `: ${s.error}` : ''}`;
    return void process.stderr.write(`${label}: ${what}\n`);
  }
  // The farm's rate since this exporter first saw frames done: steady across chunk borders.
  const first = since.get(s.record.language) ?? { at: performance.now(), done: s.done };
  since.set(s.record.language, first);
  const elapsed = (performance.now() - first.at) / 1000;
  const fps = elapsed > 2 ? (s.done - first.done) / elapsed : s.fps;
  const eta = fps > 0 ? (s.total - s.done) / fps : NaN;
  const on = s.workers.length ? ` on ${s.workers.join(', ')}` : '';
  const line = `${s.state}${on} ${s.chunksDone}/${s.record.chunks.length} chunks ${s.done}`;
  // Outside a terminal, a line only when something changed (not every poll).
  if (!process.stderr.isTTY && last.get(label) === line) return;
  last.set(label, line);
  printProgress(`${label} ${s.state}${on}`, { done: s.done, total: s.total, fps, eta, elapsed });
}

/** `redub export --farm`: queues every language as a flow, then follows it (unless --detach). */
export async function exportOnFarm(path: string, o: FarmExportOptions): Promise<void> {
  const connection = parseFarmUrl(o.farm);
  const store = await ProjectStore.open(resolve(path), { readonly: true });
  const client = new FarmClient(connection);
  const cancel = cancelOnSignals(
    (sig) =>
      new RedubError('CANCELLED', `cancelled by ${sig}: the farm stopped this export's chunks; finished chunks are kept`, store.path),
  );
  try {
    const projectKey = farmProjectKey(store.path);
    const requests = farmRequests(store, o);
    const records = [];
    for (const req of requests) {
      const r = await client.submit(projectKey, req);
      records.push(r);
      const reused = r.planned - r.chunks.length;
      process.stderr.write(`export ${r.language}: queued ${r.chunks.length} chunks (${reused} already on disk) as ${r.parentId}\n`);
    }
    if (o.detach) return void (o.json ? printJson(records) : undefined);
    const last = new Map<string, string>();
    const since = new Map<string, { at: number; done: number }>();
    const onStatus = (s: FarmStatus) => show(s, last, since);
    const finals = await watchFarmExport(client, projectKey, records, { signal: cancel.signal, onStatus });
    if (o.json) printJson(finals);
    const failed = finals.filter((s) => s.state !== 'done');
    if (failed.length)
      throw new RedubError('FFMPEG_FAILED', failed.map((s) => `${s.record.language}: ${s.error ?? s.state}`).join('; '), store.path);
  } finally {
    cancel.dispose();
    await client.close();
    await store.close();
  }
}

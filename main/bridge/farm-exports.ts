import { ApiCallError, type RedubEvent } from '../../common/contract';
import { EXPORT_FORMATS, type ExportJob } from '../../common/domain';
import type { FarmTarget } from '../../common/farm-calls';
import { FarmClient, type FarmExportRecord, type FarmState, type FarmStatus } from '../engine/farm/farm-client';
import { farmProjectKey, farmRequests, watchFarmExport } from '../engine/farm/farm-export';
import { parseFarmUrl, redactFarmUrl, type FarmConnection } from '../engine/farm/farm-url';
import type { ProjectStore } from '../engine/store';
import { exportSettingsOf, nextViewSeq, type ExportRequest } from './export-queue';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A farm that does not answer within this is reported as unreachable (ioredis would retry forever). */
const PING_TIMEOUT_MS = 3000;

const VIEW_STATE: Record<FarmState, ExportJob['state']> = {
  queued: 'queued',
  rendering: 'running',
  assembling: 'running',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** A row id the contract's idSchema takes (a farm job id has a dot: exportId.language). */
const rowId = (r: FarmExportRecord) => `farm_${r.parentId.replace(/[^A-Za-z0-9_-]/g, '_')}`;

interface FarmRow {
  projectId: string;
  view: ExportJob;
  record: FarmExportRecord;
  client: FarmClient;
  projectKey: string;
}

/** The URL with the password put in, as parseFarmUrl takes it; the password itself is never shown. */
function farmUrlOf(target: FarmTarget): string {
  if (!target.password) return target.url;
  try {
    const u = new URL(target.url);
    u.password = target.password;
    return u.toString();
  } catch {
    return target.url; // parseFarmUrl names what is wrong with it
  }
}

/** parseFarmUrl speaks to CLI users (--farm); the panel's field is "Farm URL". */
function connect(url: string): FarmConnection {
  try {
    return parseFarmUrl(url);
  } catch (e) {
    throw new ApiCallError('FARM_URL', errorText(e).replace(/^--farm /, 'farm URL '), 'farm');
  }
}

/** Answers once the farm's Redis does; otherwise one line the user can act on. */
async function reach(client: FarmClient, shown: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([client.ping(), late]);
  } catch (e) {
    const auth = /WRONGPASS|NOAUTH|invalid password|AUTH/i.test(errorText(e));
    throw new ApiCallError(
      'FARM_UNREACHABLE',
      auth
        ? `farm ${shown}: Redis refused the password: check the farm password`
        : `farm ${shown}: no Redis answered within ${PING_TIMEOUT_MS / 1000} s: check the host and port, and that redis-server runs there`,
      'farm',
    );
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Exports the editor sends to a render farm (docs/farm.md): the same flows `redub export --farm`
 * queues (engine/farm), their progress polled from Redis and pushed as job rows marked with the
 * farm. The farm, not the project file, keeps these jobs; the rows live while the editor runs.
 */
export class FarmExports {
  private readonly rows = new Map<string, FarmRow>();

  constructor(private readonly emit: (e: RedubEvent) => void) {}

  async enqueue(store: ProjectStore, req: ExportRequest, target: FarmTarget): Promise<ExportJob[]> {
    const url = farmUrlOf(target);
    const shown = redactFarmUrl(url);
    const client = new FarmClient(connect(url));
    const projectKey = farmProjectKey(store.path);
    const records: FarmExportRecord[] = [];
    try {
      await reach(client, shown);
      const settings = exportSettingsOf(req);
      const requests = farmRequests(store, {
        languages: req.languages,
        outDir: req.outDir,
        pattern: req.pattern,
        overwrite: req.overwrite,
        settings,
      });
      for (const r of requests) records.push(await client.submit(projectKey, r));
    } catch (e) {
      // Languages already queued are taken back: the panel shows one error, not half an export.
      for (const r of records) await client.cancel(projectKey, r).catch(() => undefined);
      await client.close();
      throw e;
    }
    const views = records.map((record) => {
      const view = this.initialView(record, req, shown);
      this.rows.set(view.id, { projectId: store.projectId, view, record, client, projectKey });
      this.emit({ type: 'exportJob', projectId: store.projectId, job: view });
      return view;
    });
    void this.follow(client, projectKey, records);
    return views;
  }

  has(jobId: string): boolean {
    return this.rows.has(jobId);
  }

  list(projectId: string): ExportJob[] {
    return [...this.rows.values()].filter((r) => r.projectId === projectId).map((r) => r.view);
  }

  /** Queued chunks are removed and running ones stopped by their workers (the farm's cancel). */
  async cancel(jobId: string): Promise<ExportJob> {
    const row = this.rows.get(jobId)!;
    if (row.view.state === 'queued' || row.view.state === 'running') {
      await row.client.cancel(row.projectKey, row.record);
      this.update(row, { state: 'cancelled', phase: null, fps: null, eta: null });
    }
    return row.view;
  }

  /** Forgets finished farm rows (the farm keeps its own record for `redub jobs --farm`). */
  remove(jobIds: string[]): void {
    for (const id of jobIds) {
      const row = this.rows.get(id);
      if (row && (row.view.state === 'queued' || row.view.state === 'running'))
        throw new ApiCallError('JOB_RUNNING', 'this export is rendering on the farm: cancel it first');
      this.rows.delete(id);
    }
  }

  finished(projectId: string): string[] {
    return this.list(projectId)
      .filter((j) => j.state === 'done' || j.state === 'failed' || j.state === 'cancelled')
      .map((j) => j.id);
  }

  private initialView(record: FarmExportRecord, req: ExportRequest, shown: string): ExportJob {
    const format = (EXPORT_FORMATS as readonly string[]).includes(req.format) ? req.format : 'mp4';
    return {
      id: rowId(record),
      language: record.language,
      format,
      state: 'queued',
      progress: 0,
      fps: null,
      eta: null,
      error: null,
      outPath: record.out,
      lipsync: req.lipsync,
      createdAt: record.submittedAt,
      seq: nextViewSeq(),
      phase: null,
      chunks: null,
      farm: shown,
    };
  }

  /** Polls the farm until every language is final; each change becomes a row event. */
  private async follow(client: FarmClient, projectKey: string, records: FarmExportRecord[]): Promise<void> {
    try {
      await watchFarmExport(client, projectKey, records, { onStatus: (s) => this.status(s) });
    } catch (e) {
      for (const r of records) {
        const row = this.rows.get(rowId(r));
        if (row && row.view.state !== 'done' && row.view.state !== 'cancelled') this.update(row, { state: 'failed', error: errorText(e) });
      }
    } finally {
      await client.close().catch(() => undefined);
    }
  }

  private status(s: FarmStatus): void {
    const row = this.rows.get(rowId(s.record));
    if (!row || row.view.state === 'cancelled') return;
    const state = VIEW_STATE[s.state];
    const reused = s.record.planned - s.record.chunks.length;
    const on = s.workers.length ? ` on ${s.workers.join(', ')}` : '';
    this.update(row, {
      state,
      progress: s.total > 0 ? s.done / s.total : 0,
      fps: state === 'running' && s.fps > 0 ? s.fps : null,
      eta: state === 'running' && Number.isFinite(s.eta) ? s.eta : null,
      error: s.error ?? null,
      phase: state !== 'running' ? null : s.state === 'assembling' ? 'assembling on the farm' : `rendering${on || ' on the farm'}`,
      chunks: { done: s.chunksDone + reused, reused },
    });
  }

  /** A new view only when something the row shows changed (the poll runs twice a second). */
  private update(row: FarmRow, patch: Partial<ExportJob>): void {
    const next = { ...row.view, ...patch };
    const { seq: _a, ...was } = row.view;
    const { seq: _b, ...now } = next;
    if (JSON.stringify(was) === JSON.stringify(now)) return;
    row.view = { ...next, seq: nextViewSeq() };
    this.emit({ type: 'exportJob', projectId: row.projectId, job: row.view });
  }
}

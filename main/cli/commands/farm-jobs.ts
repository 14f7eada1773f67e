import { resolve } from 'node:path';
import { FarmClient, isFinal } from '../../engine/farm/farm-client';
import { farmProjectKey } from '../../engine/farm/farm-export';
import { parseFarmUrl } from '../../engine/farm/farm-url';
import { printJson } from '../output';

/** `redub jobs P --farm URL [--cancel]`: the project's farm exports, from Redis (the project file is not opened). */
export async function farmJobs(path: string, o: { farm: string; json?: boolean; cancel?: boolean }): Promise<void> {
  const client = new FarmClient(parseFarmUrl(o.farm));
  try {
    const projectKey = farmProjectKey(resolve(path));
    const records = await client.records(projectKey);
    const statuses = [];
    for (const r of records) {
      let s = await client.status(r);
      if (o.cancel && !isFinal(s)) {
        await client.cancel(projectKey, r);
        s = await client.status(r);
      }
      statuses.push(s);
    }
    if (o.json) return printJson(statuses);
    for (const s of statuses) {
      const pct = `${Math.round((100 * s.done) / Math.max(1, s.total))}%`.padStart(4);
      const on = s.workers.length ? ` on ${s.workers.join(', ')}` : '';
      console.log(
        `${s.record.parentId.padEnd(20)} ${s.state.padEnd(10)} ${pct}  ${s.chunksDone}/${s.record.chunks.length} chunks${on}  ${s.error ?? s.record.out}`,
      );
    }
    if (statuses.length === 0) console.log('no farm exports for this project');
  } finally {
    await client.close();
  }
}

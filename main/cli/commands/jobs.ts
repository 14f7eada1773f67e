import type { Command } from 'commander';
import { resolve } from 'node:path';
import { ProjectStore } from '../../engine/store';
import { printJson } from '../output';
import { farmJobs } from './farm-jobs';

export function registerJobs(program: Command): void {
  program
    .command('jobs')
    .description("list a project's export jobs (works while an export is running)")
    .argument('<project>', 'project file (*.redub)')
    .option('--json', 'machine-readable output')
    .option('--farm <url>', "the project's exports on a farm (redis://…), instead of its local queue")
    .option('--cancel', 'with --farm: cancel its unfinished farm exports (queued and running chunks)')
    .action(async (path: string, o: { json?: boolean; farm?: string; cancel?: boolean }) => {
      if (o.farm) return farmJobs(path, { ...o, farm: o.farm });
      const store = await ProjectStore.open(resolve(path), { readonly: true });
      try {
        const jobs = store.jobs.list().map((j) => ({ ...j, chunks: store.chunks.list(j.id).length }));
        if (o.json) return printJson(jobs);
        for (const j of jobs) {
          const pct = `${Math.round(j.progress * 100)}%`.padStart(4);
          console.log(
            `${j.id.slice(0, 8)}  ${j.language.padEnd(6)} ${j.format.padEnd(5)} ${j.state.padEnd(9)} ${pct}  ${j.chunks} chunks  ${j.error ?? j.outPath}`,
          );
        }
        if (jobs.length === 0) console.log('no export jobs');
      } finally {
        await store.close();
      }
    });
}

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { RedubError } from '../../engine/errors';
import { ModelManager, type ModelStatus } from '../../engine/models/manager';
import { formatSize, MODEL_ROLES, type ModelRole } from '../../engine/models/manifest';
import type { TransferProgress } from '../../engine/models/transfer';
import { printJson } from '../output';
import { cancelOnSignals } from '../signals';

function statusLine(s: ModelStatus): string {
  const state = !s.installed
    ? s.partialBytes
      ? `partial ${formatSize(s.partialBytes)}`
      : 'not installed'
    : s.verified
      ? 'verified'
      : s.verified === null
        ? 'installed'
        : 'NOT VERIFIED';
  const nc = s.nonCommercial ? ' (non-commercial)' : '';
  return `${s.name.padEnd(34)} ${s.role.padEnd(10)} ${formatSize(s.size).padStart(12)}  ${state.padEnd(14)} ${s.licence.id}${nc}`;
}

/** Progress on stderr, at most ~10 updates a second, so stdout stays clean for --json. */
function progressPrinter(name: string): (p: TransferProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 100 && p.received !== p.total) return;
    last = now;
    const pct = p.total ? `${((100 * p.received) / p.total).toFixed(1).padStart(5)}%` : '     ?';
    const line = `downloading ${name} ${pct}  ${formatSize(p.received)} of ${formatSize(p.total)}`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
  };
}

function parseRole(role: string): ModelRole {
  if ((MODEL_ROLES as readonly string[]).includes(role)) return role as ModelRole;
  throw new RedubError('INVALID_ARGUMENT', `--role must be one of ${MODEL_ROLES.join(', ')} (got "${role}")`);
}

async function download(name: string, o: { acceptLicence?: boolean; json?: boolean }): Promise<void> {
  const mm = new ModelManager();
  // Without acceptance the API's error states the licence; with it, say what was accepted.
  if (o.acceptLicence) process.stderr.write(`${mm.licence(name).text}\n`);
  // Ctrl+C (or SIGTERM) cancels cleanly: the .part stays and the next run resumes it.
  const cancel = cancelOnSignals(() => new RedubError('CANCELLED', 'download cancelled (the partial file is kept and resumes next time)'));
  try {
    const r = await mm.download(name, { acceptLicence: o.acceptLicence, signal: cancel.signal, onProgress: progressPrinter(name) });
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (o.json) return printJson(r);
    console.log(
      r.url
        ? `${r.name}: installed ${r.path} (sha256 ${r.sha256})${r.trustRecorded ? ', SHA-256 recorded in trust.json' : ''}`
        : `${r.name}: already installed and verified (${r.path})`,
    );
  } finally {
    cancel.dispose();
  }
}

export function registerModels(program: Command): void {
  const models = program.command('models').description('list, download, import and verify neural models');
  models
    .command('list')
    .description('every known model: installed?, verified?, size, licence, role')
    .option('--no-verify', 'skip hashing installed files')
    .option('--json', 'machine-readable output')
    .action(async (o: { verify: boolean; json?: boolean }) => {
      const mm = new ModelManager();
      const list = await mm.list({ verify: o.verify });
      if (o.json) return printJson({ dir: mm.dir, models: list });
      console.log(`models dir: ${mm.dir}`);
      for (const s of list) console.log(statusLine(s));
    });
  models
    .command('download')
    .description('download a model (resumes a partial download; verifies its hash)')
    .argument('<name>', 'model name (see redub models list)')
    .option('--accept-licence', "accept the model's licence (required)")
    .option('--json', 'machine-readable output')
    .action(download);
  models
    .command('import')
    .description('import a local .onnx file after checking its inputs and outputs')
    .argument('<file>', 'the .onnx file')
    .requiredOption('--role <role>', MODEL_ROLES.join(' | '))
    .option('--name <name>', 'import as this model (default: the one of that role whose interface fits)')
    .option('--json', 'machine-readable output')
    .action(async (file: string, o: { role: string; name?: string; json?: boolean }) => {
      const r = await new ModelManager().import(resolve(file), { role: parseRole(o.role), name: o.name });
      if (o.json) return printJson(r);
      for (const w of r.warnings) process.stderr.write(`redub: warning: ${w}\n`);
      console.log(`${r.name}: imported as ${r.path} (sha256 ${r.sha256})`);
    });
  models
    .command('verify')
    .description('check installed models against their pinned or trusted SHA-256')
    .argument('[name]', 'one model (default: all installed)')
    .option('--json', 'machine-readable output')
    .action(async (name: string | undefined, o: { json?: boolean }) => {
      const results = await new ModelManager().verify(name);
      if (results.some((r) => !r.ok)) process.exitCode = 1;
      if (o.json) return printJson(results);
      for (const r of results) console.log(`${r.name.padEnd(34)} ${r.ok ? `ok (${r.against})` : `FAILED: ${r.reason}`}`);
      if (results.length === 0) console.log('no models installed');
    });
  models
    .command('remove')
    .description('delete an installed model (and any partial download)')
    .argument('<name>', 'model name')
    .action(async (name: string) => {
      console.log((await new ModelManager().remove(name)) ? `${name}: removed` : `${name}: was not installed`);
    });
}

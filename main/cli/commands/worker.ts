import type { Command } from 'commander';
import { FarmWorker } from '../../engine/farm/farm-worker';
import { parseFarmUrl, redactFarmUrl } from '../../engine/farm/farm-url';
import { PathGuard, parsePathMap } from '../../engine/farm/path-guard';
import { RedubError } from '../../engine/errors';
import { reportError } from '../output';

interface WorkerOptions {
  farm: string;
  concurrency: string;
  map: string[];
  allow: string[];
  name?: string;
}

const collect = (value: string, list: string[]) => [...list, value];

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('take render work (chunks, assembly) from a farm until stopped (Ctrl+C: finish the chunks in hand, then leave)')
    .requiredOption('--farm <url>', 'redis://[:password@]HOST:PORT[/db], or rediss:// for TLS')
    .option('--concurrency <n>', 'chunks rendered at once', '1')
    .option('--map <from=to>', 'shared storage the exporter sees at FROM is mounted here at TO (repeatable)', collect, [])
    .option('--allow <dir>', 'a root the jobs may read and write (repeatable; default: the --map TO roots)', collect, [])
    .option('--name <name>', 'how this worker is shown in progress and errors (default HOST/PID)')
    .action(async (o: WorkerOptions) => {
      const concurrency = Number(o.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1)
        throw new RedubError('INVALID_ARGUMENT', `--concurrency ${o.concurrency}: expected a whole number ≥ 1`);
      const connection = parseFarmUrl(o.farm);
      const guard = new PathGuard(o.map.map(parsePathMap), o.allow);
      const worker = new FarmWorker({
        connection,
        guard,
        concurrency,
        name: o.name,
        log: (line) => process.stderr.write(`worker ${worker.name}: ${line}\n`),
      });
      const caps = await worker.start();
      process.stderr.write(
        `worker ${worker.name}: on ${redactFarmUrl(o.farm)}: engines ${caps.engines.join(', ')}; encoders ${caps.encoders.join(', ')}; ` +
          `providers ${caps.providers.join(', ')}; concurrency ${concurrency}\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.stderr.write(`worker ${worker.name}: stopping (finishing the chunks in hand)\n`);
          // Redis gone: stop() gives up after a bounded wait; exit at once then, whatever timers
          // the queue client still holds.
          void worker.stop().then(resolve, (e: unknown) => process.exit(reportError(e)));
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}

import { Command } from 'commander';
import { registerAnalyze } from './commands/analyze';
import { registerCache } from './commands/cache';
import { registerEval } from './commands/eval';
import { registerDoctor } from './commands/doctor';
import { registerDub } from './commands/dub';
import { registerExport } from './commands/export';
import { registerJobs } from './commands/jobs';
import { registerModels } from './commands/models';
import { registerProbe } from './commands/probe';
import { registerProject } from './commands/project';
import { registerWorker } from './commands/worker';

/** Each command lives in its own file under commands/ and registers itself here. */
export function buildProgram(): Command {
  const program = new Command('redub').description('Redub — dubbing and lip-sync, headless').showHelpAfterError().exitOverride();
  registerProbe(program);
  registerDub(program);
  registerProject(program);
  registerExport(program);
  registerJobs(program);
  registerAnalyze(program);
  registerEval(program);
  registerModels(program);
  registerDoctor(program);
  registerCache(program);
  registerWorker(program);
  return program;
}

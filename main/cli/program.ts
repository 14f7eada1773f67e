import { Command } from 'commander';
import { registerDub } from './commands/dub';
import { registerProbe } from './commands/probe';

/** Each command lives in its own file under commands/ and registers itself here. */
export function buildProgram(): Command {
  const program = new Command('redub')
    .description('Redub — dubbing and lip-sync, headless')
    .showHelpAfterError()
    .exitOverride();
  registerProbe(program);
  registerDub(program);
  return program;
}

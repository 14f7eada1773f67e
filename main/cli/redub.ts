#!/usr/bin/env node
import { CommanderError } from 'commander';
import { onModelFetch } from '../engine/models/fetch-events';
import { printModelFetch, reportError } from './output';
import { buildProgram } from './program';

async function main(argv: string[]): Promise<number> {
  // Any command may need the face models; their first-use download is shown on stderr.
  onModelFetch(printModelFetch);
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    return reportError(e);
  }
}

main(process.argv).then((code) => {
  process.exitCode = code;
});

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { RedubError } from '../../engine/errors';
import { createProject, type DubInput } from '../../engine/project/create-project';
import { lastGoodBackup, restoreBackup } from '../../engine/store';
import { printJson } from '../output';
import { registerProjectSpeakers } from './project-speakers';

/**
 * `--dub es=es.wav`, `--dub es=es.wav@1.5` (offset in seconds), `--dub es=es.wav@speaker2` (the
 * face it drives), or both: `es=es.wav@1.5@speaker2`.
 */
export function parseDub(spec: string, all: DubInput[] = []): DubInput[] {
  const m = /^([^=]+)=(.+?)(?:@(-?[\d.]+))?(?:@([A-Za-z][\w-]*))?$/.exec(spec);
  if (!m) throw new RedubError('INVALID_ARGUMENT', `--dub expects LANG=FILE[@OFFSET][@SPEAKER], got "${spec}"`);
  return [...all, { language: m[1], file: m[2], offset: m[3] ? Number(m[3]) : 0, ...(m[4] ? { speaker: m[4] } : {}) }];
}

export function registerProject(program: Command): void {
  const project = program.command('project').description('create and repair project files (*.redub)');
  project
    .command('create')
    .description('create a project from a video and one dub per language')
    .requiredOption('--video <file>', 'source video')
    .option('--dub <lang=file[@offset][@speaker]>', 'a dub clip (repeatable); @speaker2 puts it on that face', parseDub, [])
    .requiredOption('--out <project.redub>', 'project file to create')
    .option('--name <name>', 'project name (default: the file name)')
    .option('--json', 'machine-readable output')
    .action(async (o: { video: string; dub: DubInput[]; out: string; name?: string; json?: boolean }) => {
      const store = await createProject({ path: resolve(o.out), video: o.video, dubs: o.dub, name: o.name });
      const summary = {
        path: store.path,
        project: store.project.get(),
        languages: store.tracks.list().map((t) => t.language),
        segments: store.segments.list().length,
      };
      await store.close();
      if (o.json) printJson(summary);
      else console.log(`created ${summary.path} (${summary.languages.join(', ') || 'no dubs yet'})`);
    });
  registerProjectSpeakers(project);
  project
    .command('restore-backup')
    .description('replace a damaged project with its last good backup')
    .argument('<project>', 'project file')
    .action(async (path: string) => {
      const backup = restoreBackup(resolve(path), lastGoodBackup(resolve(path)));
      console.log(`restored ${path} from ${backup}`);
    });
}
